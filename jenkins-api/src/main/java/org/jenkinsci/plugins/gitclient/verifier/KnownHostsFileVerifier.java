package org.jenkinsci.plugins.gitclient.verifier;

public class KnownHostsFileVerifier extends HostKeyVerifierFactory {}
