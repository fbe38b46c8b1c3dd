#!/bin/bash
# Hangs far past any time budget. With HANG_PIDFILE set it records its sleeping child, so a test can
# check that the runner killed it.
t_Log "Running $0 - a test that hangs"
sleep 300 &
[ -n "${HANG_PIDFILE:-}" ] && echo $! > "$HANG_PIDFILE"
wait
t_CheckExitStatus $?
