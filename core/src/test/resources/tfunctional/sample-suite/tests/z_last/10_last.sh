#!/bin/bash
t_Log "Running $0 - the last group runs last"
t_Assert true
