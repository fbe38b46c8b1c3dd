package io.jenkins.plugins.cloudimages.deploy;

/** Where the instance's SSH server answers from here. */
public record InstanceAddress(String host, int port) {}
