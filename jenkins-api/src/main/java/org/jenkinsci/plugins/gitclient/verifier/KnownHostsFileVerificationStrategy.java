package org.jenkinsci.plugins.gitclient.verifier;

import org.kohsuke.stapler.DataBoundConstructor;

public class KnownHostsFileVerificationStrategy
    extends SshHostKeyVerificationStrategy<KnownHostsFileVerifier> {
  @DataBoundConstructor
  public KnownHostsFileVerificationStrategy() {
    throw new UnsupportedOperationException();
  }

  @Override
  public KnownHostsFileVerifier getVerifier() {
    throw new UnsupportedOperationException();
  }
}
