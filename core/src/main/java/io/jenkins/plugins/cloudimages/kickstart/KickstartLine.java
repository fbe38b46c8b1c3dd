package io.jenkins.plugins.cloudimages.kickstart;

/** One line of the flattened kickstart, without its line ending, and where it comes from. */
record KickstartLine(String text, SourceLocation location) {}
