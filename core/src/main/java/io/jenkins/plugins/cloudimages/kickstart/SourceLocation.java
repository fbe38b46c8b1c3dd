package io.jenkins.plugins.cloudimages.kickstart;

import java.nio.file.Path;
import java.util.Objects;

/** Where an element of a kickstart comes from: the file (after includes are resolved) and line. */
public record SourceLocation(Path file, int line) {
  public SourceLocation {
    Objects.requireNonNull(file, "file");
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
