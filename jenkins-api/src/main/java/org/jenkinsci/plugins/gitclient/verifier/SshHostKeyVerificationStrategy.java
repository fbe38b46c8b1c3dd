package org.jenkinsci.plugins.gitclient.verifier;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class SshHostKeyVerificationStrategy<T extends HostKeyVerifierFactory>
    extends AbstractDescribableImpl<SshHostKeyVerificationStrategy<T>> implements ExtensionPoint {
  public abstract T getVerifier();
}
