#!/bin/bash
t_Log "Running $0 - a check that fails"
echo "expected 42, got 41"
test 41 -eq 42
t_CheckExitStatus $?
t_Log "not reached"
