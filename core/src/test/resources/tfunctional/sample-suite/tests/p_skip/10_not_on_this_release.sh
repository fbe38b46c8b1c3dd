#!/bin/bash
t_Log "Running $0 - a test that does not apply here"
t_SkipRelease "$centos_ver" "not applicable on release $centos_ver"
t_Log "FAIL"
exit 1
