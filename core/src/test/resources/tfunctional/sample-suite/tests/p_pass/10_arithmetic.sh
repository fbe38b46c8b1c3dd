#!/bin/bash
t_Log "Running $0 - shell arithmetic works"
t_Assert test $((6 * 7)) -eq 42
