package org.jenkinsci.plugins.gitclient.verifier;

import org.kohsuke.stapler.DataBoundConstructor;

public class ManuallyProvidedKeyVerificationStrategy
    extends SshHostKeyVerificationStrategy<ManuallyProvidedKeyVerifier> {
  @DataBoundConstructor
  public ManuallyProvidedKeyVerificationStrategy(String approvedHostKeys) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ManuallyProvidedKeyVerifier getVerifier() {
    throw new UnsupportedOperationException();
  }
}
