package org.jenkinsci.plugins.gitclient;

import hudson.Extension;
import hudson.model.PersistentDescriptor;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;
import org.jenkinsci.plugins.gitclient.verifier.SshHostKeyVerificationStrategy;

@Extension
public class GitHostKeyVerificationConfiguration extends GlobalConfiguration
    implements PersistentDescriptor {
  public SshHostKeyVerificationStrategy<? extends HostKeyVerifierFactory>
      getSshHostKeyVerificationStrategy() {
    throw new UnsupportedOperationException();
  }

  public static GitHostKeyVerificationConfiguration get() {
    throw new UnsupportedOperationException();
  }
}
