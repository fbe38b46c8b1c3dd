#!/bin/bash
t_Log "Running $0 - text tools work"
source "$(dirname "$0")/_words.sh"
echo "$WORDS" | grep -q "t_functional"
t_CheckExitStatus $?
echo "$WORDS" | tr 'a-z' 'A-Z' | grep -q "T_FUNCTIONAL"
t_CheckExitStatus $?
