#!/bin/bash
t_Log "Running $0 - a role test"
t_Assert test -d /
