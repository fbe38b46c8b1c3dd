package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The rpm database a target release's rpm reads: sqlite from EL9 (rpm 4.16+), Berkeley DB on EL8
 * and older. A modern host's rpm writes sqlite; when the target needs another backend the build
 * either converts the database with {@code rpm --rebuilddb} (when the host's rpm can write that
 * backend) or refuses before installing anything.
 *
 * @param backend the target's {@code %_db_backend}
 * @param dbPath where the target keeps it
 */
record RpmdbFormat(String backend, String dbPath) {

  static RpmdbFormat forRelease(int majorRelease) {
    String backend = majorRelease >= 9 ? "sqlite" : "bdb";
    String path = majorRelease >= 10 ? "/usr/lib/sysimage/rpm" : "/var/lib/rpm";
    return new RpmdbFormat(backend, path);
  }

  /** The host rpm's default backend ({@code rpm --eval %_db_backend}). */
  static String hostBackend() {
    String known = hostBackend;
    if (known == null) {
      ProcessRunner.Result result =
          new ProcessRunner()
              .timeout(Duration.ofSeconds(20))
              .run("rpm", "--eval", "%{_db_backend}");
      known = result.succeeded() ? result.output().trim() : "unknown";
      hostBackend = known;
    }
    return known;
  }

  private static volatile String hostBackend;

  /**
   * Whether the host's rpm can create a database with this backend. rpm 4.18 built without Berkeley
   * DB says "invalid %_db_backend" and falls back to a dummy database, with exit code 0.
   */
  static boolean hostCanWrite(String backend, Path scratch) throws IOException {
    Path probe = Files.createTempDirectory(scratch, "rpmdb-probe-");
    try {
      ProcessRunner.Result result =
          new ProcessRunner()
              .timeout(Duration.ofSeconds(30))
              .run(
                  "rpm",
                  "--dbpath",
                  probe.toString(),
                  "--define",
                  "_db_backend " + backend,
                  "--initdb");
      boolean created;
      try (var files = Files.list(probe)) {
        created = files.findAny().isPresent();
      }
      return result.succeeded() && created && !result.output().contains("invalid %_db_backend");
    } finally {
      WorkDirectory.deleteTree(probe);
    }
  }
}
