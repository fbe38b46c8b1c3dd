package org.jenkinsci.plugins.gitclient.verifier;

import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public abstract class HostKeyVerifierFactory implements SerializableOnlyOverRemoting {}
