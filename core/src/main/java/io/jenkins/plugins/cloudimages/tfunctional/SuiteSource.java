package io.jenkins.plugins.cloudimages.tfunctional;

import java.nio.file.Path;
import java.util.Objects;

/** Where the t_functional suite comes from. */
public sealed interface SuiteSource {

  /** A short description for logs and the JUnit properties. */
  String describe();

  /**
   * A git repository cloned on the instance itself.
   *
   * @param url anything {@code git clone} accepts on the instance
   * @param ref branch, tag or commit to check out, or null for the default branch
   */
  record Git(String url, String ref) implements SuiteSource {
    public Git {
      Objects.requireNonNull(url, "url");
      if (ref != null && ref.isBlank()) {
        ref = null;
      }
    }

    @Override
    public String describe() {
      return url + (ref == null ? "" : " @ " + ref);
    }
  }

  /** A directory on this machine, copied to the instance as a tar.gz archive. */
  record Directory(Path dir) implements SuiteSource {
    public Directory {
      Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String describe() {
      return dir.toAbsolutePath().normalize().toString();
    }
  }
}
