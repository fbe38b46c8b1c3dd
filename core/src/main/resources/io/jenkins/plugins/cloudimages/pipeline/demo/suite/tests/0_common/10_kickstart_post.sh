#!/bin/bash
t_Log "Running $0 - the kickstart's %post ran in the image and kept its log"
test -s /etc/motd && test -f /root/anaconda-post.log
t_CheckExitStatus $?
