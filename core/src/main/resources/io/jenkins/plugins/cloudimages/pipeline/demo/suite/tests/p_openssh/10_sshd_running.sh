#!/bin/bash
t_Log "Running $0 - sshd is running"
t_Assert pgrep -x sshd
