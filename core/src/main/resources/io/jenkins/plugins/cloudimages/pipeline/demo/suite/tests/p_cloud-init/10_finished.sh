#!/bin/bash
t_Log "Running $0 - cloud-init finished every stage without errors"
timeout 120 cloud-init status --wait >/dev/null 2>&1
status=$(cloud-init status 2>/dev/null)
t_Log "$status"
echo "$status" | grep -q 'status: done'
t_CheckExitStatus $?
