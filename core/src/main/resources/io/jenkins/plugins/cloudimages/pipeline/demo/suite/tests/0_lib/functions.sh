#!/bin/bash
# Helpers every test of the demo suite uses (the names t_functional's tests call).

t_Log() {
	printf '[+] %s -> %s\n' "$(date)" "$*"
}

t_CheckExitStatus() {
	if [ "$1" -eq 0 ]; then
		t_Log "PASS"
		return "$PASS"
	fi
	t_Log "FAIL"
	exit "$FAIL"
}

# Runs a command quietly and checks how it ended.
t_Assert() {
	"$@" >/dev/null 2>&1
	t_CheckExitStatus $?
}

export -f t_Log t_CheckExitStatus t_Assert
