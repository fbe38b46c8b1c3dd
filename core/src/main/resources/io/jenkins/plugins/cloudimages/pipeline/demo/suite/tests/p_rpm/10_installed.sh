#!/bin/bash
t_Log "Running $0 - the rpm database knows the packages the kickstart installed"
t_Assert rpm -q --whatprovides kernel openssh-server cloud-init sudo
