package org.jenkinsci.plugins.gitclient;

import hudson.plugins.git.GitException;

public interface GitCommand {
  void execute() throws GitException, InterruptedException;
}
