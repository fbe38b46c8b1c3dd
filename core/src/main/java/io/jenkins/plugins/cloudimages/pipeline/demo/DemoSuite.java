package io.jenkins.plugins.cloudimages.pipeline.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The demo's functional suite (resources {@code suite/}, listed with their modes in its index). */
final class DemoSuite {
  private static final String ROOT = "suite/";

  private DemoSuite() {}

  /** Writes the suite into {@code dir}, replacing an older copy, and returns {@code dir}. */
  static Path writeTo(Path dir) throws IOException {
    String index = resource("index");
    for (String line : index.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.strip().split(" ", 2);
      Path target = dir.resolve(fields[1]);
      Files.createDirectories(target.getParent());
      try (InputStream in = open(fields[1])) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.setPosixFilePermissions(
          target,
          PosixFilePermissions.fromString(fields[0].equals("755") ? "rwxr-xr-x" : "rw-r--r--"));
    }
    return dir;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = DemoSuite.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IOException("the demo suite's " + name + " is missing from the jar");
    }
    return in;
  }
}
