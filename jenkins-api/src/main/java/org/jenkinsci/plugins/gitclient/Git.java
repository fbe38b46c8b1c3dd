package org.jenkinsci.plugins.gitclient;

import hudson.EnvVars;
import hudson.model.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;

public class Git implements Serializable {
  private static final long serialVersionUID = 1L;

  public Git(TaskListener listener, EnvVars env) {
    throw new UnsupportedOperationException();
  }

  public static Git with(TaskListener listener, EnvVars env) {
    throw new UnsupportedOperationException();
  }

  public Git in(File repository) {
    throw new UnsupportedOperationException();
  }

  public Git using(String exe) {
    throw new UnsupportedOperationException();
  }

  public Git withHostKeyVerifierFactory(HostKeyVerifierFactory hostKeyFactory) {
    throw new UnsupportedOperationException();
  }

  public GitClient getClient() throws IOException, InterruptedException {
    throw new UnsupportedOperationException();
  }
}
