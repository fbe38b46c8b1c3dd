package io.jenkins.plugins.cloudimages.pipeline.demo;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/** Builds the binary RPMs of a spec in its own folder and moves them into a repository folder. */
final class RpmBuild {
  private RpmBuild() {}

  /**
   * @param spec the spec file; its folder is rpmbuild's top folder and HOME
   * @param repository where the RPMs go, named NAME-VERSION-RELEASE.ARCH.rpm
   */
  static void binaries(Path spec, Path repository, Duration timeout) throws IOException {
    Path work = spec.getParent();
    Path top = work.resolve("rpmbuild");
    ProcessRunner.Result result =
        new ProcessRunner()
            .timeout(timeout)
            .env(Map.of("HOME", work.toString()))
            .run(
                "rpmbuild",
                "--define",
                "_topdir " + top,
                "--define",
                "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm",
                "--nodeps",
                "-bb",
                spec.toString());
    if (!result.succeeded()) {
      throw new IOException(result.describeFailure());
    }
    Files.createDirectories(repository);
    try (var rpms = Files.walk(top.resolve("RPMS"))) {
      for (Path rpm : rpms.filter(p -> p.toString().endsWith(".rpm")).toList()) {
        Files.move(rpm, repository.resolve(rpm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
