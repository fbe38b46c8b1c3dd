package io.jenkins.plugins.cloudimages.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real kickstarts of the CentOS Cloud Instance SIG, kept in the steering repository's {@code
 * shared/corpus/kickstarts} beside this checkout (CI lays a copy there). Not part of this
 * repository: the upstream files carry no licence. Under CI a missing corpus fails the test instead
 * of skipping.
 */
public final class Corpus {
  private Corpus() {}

  /** The corpus folder: -Dcloudimg.corpus, else shared/ beside the checkout, else /work/shared. */
  public static Path directory() {
    String configured = System.getProperty("cloudimg.corpus");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("corpus/kickstarts");
      if (Files.exists(dir.resolve(".git")) && Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("/work/shared/corpus/kickstarts");
  }

  /** One corpus file; skips the test (fails it under CI) when the corpus is not there. */
  public static Path file(String name) {
    Path file = directory().resolve(name);
    if (!Files.isRegularFile(file)) {
      String message = "the kickstart corpus is not at " + directory() + " (set -Dcloudimg.corpus)";
      if (Boolean.getBoolean("cloudimg.requireTools")) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    return file;
  }

  /** Every file of the corpus, for fuzzing; empty when it is not there. */
  public static List<Path> all() throws java.io.IOException {
    if (!Files.isDirectory(directory())) {
      return List.of();
    }
    try (var files = Files.list(directory())) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
