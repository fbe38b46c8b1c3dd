package io.jenkins.plugins.cloudimages.tfunctional;

/** Receives output one line at a time (without its line end), as it is produced. */
@FunctionalInterface
public interface LineListener {
  LineListener IGNORE = line -> {};

  void line(String line);
}
