package io.jenkins.plugins.cloudimages.testing;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A small t_functional suite for tests (resources {@code tfunctional/sample-suite/}): the real
 * suite's layout, runner and log format, with harmless tests that pass ({@code p_pass}, {@code
 * r_role}, {@code z_last}), fail ({@code p_fail/10_fails.sh}, followed by a passing file), skip
 * themselves ({@code p_skip}) and hang ({@code p_hang}; with {@code HANG_PIDFILE} set it writes the
 * pid of its sleeping child there). {@code 0_common} checks root, {@code SKIP_QA_HARNESS=1} and the
 * exported library. Helpers ({@code _words.sh}), a {@code README} and a data file never run.
 */
public final class SampleSuite {
  private static final String ROOT = "/tfunctional/sample-suite/";
  private static final String INDEX = "/tfunctional/sample-suite.index";

  private SampleSuite() {}

  /** Writes the suite into {@code dir} with its execute bits, and returns {@code dir}. */
  public static Path copyTo(Path dir) {
    try (InputStream index = SampleSuite.class.getResourceAsStream(INDEX)) {
      if (index == null) {
        throw new IllegalStateException(INDEX + " is not on the class path");
      }
      for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.strip().split(" ", 2);
        Path target = dir.resolve(fields[1]);
        Files.createDirectories(target.getParent());
        try (InputStream in = SampleSuite.class.getResourceAsStream(ROOT + fields[1])) {
          if (in == null) {
            throw new IllegalStateException(ROOT + fields[1] + " is not on the class path");
          }
          Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(
            target,
            PosixFilePermissions.fromString(fields[0].equals("755") ? "rwxr-xr-x" : "rw-r--r--"));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes {@code dir} a git repository holding the suite on branch {@code main} (one commit, tagged
   * {@code v1}), and returns its {@code file://} URL for {@code git clone}.
   */
  public static String gitRepository(Path dir) {
    RequiredTools.require("git");
    copyTo(dir);
    git(dir, "init", "--quiet", "--initial-branch=main");
    git(dir, "add", "--all");
    git(dir, "commit", "--quiet", "-m", "sample suite");
    git(dir, "tag", "v1");
    return dir.toUri().toString();
  }

  private static void git(Path dir, String... args) {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                "git", "-c", "user.name=cloudimg tests", "-c", "user.email=tests@localhost"));
    command.addAll(java.util.List.of(args));
    ProcessRunner.Result result = new ProcessRunner().in(dir).run(command);
    if (!result.succeeded()) {
      throw new IllegalStateException(result.describeFailure());
    }
  }
}
