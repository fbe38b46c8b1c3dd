#!/bin/bash
t_Log "Running $0 - sshd takes keys only, no passwords"
sshd -T 2>/dev/null | grep -qi '^passwordauthentication no$'
t_CheckExitStatus $?
