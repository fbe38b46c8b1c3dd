#!/bin/bash
t_Log "Running $0 - the running kernel's modules are in the image"
t_Assert test -f "/lib/modules/$(uname -r)/modules.dep"
