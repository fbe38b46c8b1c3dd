#!/bin/bash
t_Log "Running $0 - the suite runs as root"
t_Assert test "$(id -u)" -eq 0
