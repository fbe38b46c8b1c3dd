package io.jenkins.plugins.cloudimages.pipeline;

/**
 * One image a push asks to rebuild: its name, its kickstart (path in the repository), the arch to
 * build it for, and why it is rebuilt.
 */
public record ImageToBuild(String image, String kickstart, String arch, String reason) {}
