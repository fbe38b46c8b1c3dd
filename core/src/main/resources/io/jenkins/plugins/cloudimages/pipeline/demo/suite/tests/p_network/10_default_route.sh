#!/bin/bash
t_Log "Running $0 - the instance got an address and a default route by DHCP"
ip -4 route show default | grep -q . && ip -4 -o addr show scope global | grep -q .
t_CheckExitStatus $?
