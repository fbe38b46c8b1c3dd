#!/bin/bash
# Runs the demo suite by hand on an instance, as root: ./runtests.sh [test folder]
# (cloudimg runs each test file itself and reports each as a JUnit test case).
export PASS=0 FAIL=1
source ./tests/0_lib/functions.sh || exit 1
t_Log "cloud-images demo suite starting"
folders=(./tests/0_*/ ./tests/p_*/)
[ $# -gt 0 ] && folders=(./tests/0_*/ "./tests/$1/")
for folder in "${folders[@]}"; do
	for test in $(find "$folder" -type f -perm -u+x | sort); do
		"$test" || exit $FAIL
	done
done
# The line t_functional ends with, which tells the runner the suite ran to its end.
t_Log "QA t_functional tests finished."
