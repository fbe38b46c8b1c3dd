package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code sha256sum.txt} of an output folder in coreutils format ({@code <hex> <name>}, accepted by
 * {@code sha256sum -c}), updated atomically; optionally signed with a detached armoured OpenPGP
 * signature ({@code sha256sum.txt.asc}).
 */
final class Checksums {
  static final String FILE = "sha256sum.txt";
  private final Path directory;

  Checksums(Path directory) {
    this.directory = directory;
  }

  /** Adds (or replaces) the entries of these files; returns their digests by file name. */
  Map<String, String> add(List<Path> files) throws IOException {
    Map<String, String> entries = read();
    Map<String, String> added = new TreeMap<>();
    for (Path file : files) {
      String digest = Digests.sha256(file);
      entries.put(file.getFileName().toString(), digest);
      added.put(file.getFileName().toString(), digest);
    }
    List<String> lines = new ArrayList<>();
    entries.forEach((name, digest) -> lines.add(digest + "  " + name));
    Path temp = directory.resolve("." + FILE + ".partial");
    Files.write(temp, lines);
    Files.move(
        temp,
        directory.resolve(FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    return added;
  }

  /** Signs sha256sum.txt with gpg's key {@code keyId}; returns the signature file. */
  Optional<Path> sign(Optional<String> keyId, ToolRunner tools) throws BuildException {
    if (keyId.isEmpty()) {
      return Optional.empty();
    }
    Path signature = directory.resolve(FILE + ".asc");
    tools.run(
        List.of(
            "gpg",
            "--batch",
            "--yes",
            "--pinentry-mode",
            "loopback",
            "--local-user",
            keyId.get(),
            "--armor",
            "--detach-sign",
            "--output",
            signature.toString(),
            directory.resolve(FILE).toString()));
    return Optional.of(signature);
  }

  private Map<String, String> read() throws IOException {
    Map<String, String> entries = new TreeMap<>();
    Path file = directory.resolve(FILE);
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int split = line.indexOf("  ");
        if (split == 64) {
          entries.put(line.substring(split + 2).replaceFirst("^\\*", ""), line.substring(0, split));
        }
      }
    }
    return entries;
  }
}
