#!/bin/bash
t_Log "Running $0 - a test after a failing one"
t_Assert true
