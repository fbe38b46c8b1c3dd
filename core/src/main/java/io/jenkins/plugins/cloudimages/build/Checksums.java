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
    // one thread per file: images are independent and each digest is CPU-bound
    List<java.util.concurrent.CompletableFuture<String>> digests = new ArrayList<>();
    for (Path file : files) {
      digests.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Digests.sha256(file);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }));
    }
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i).getFileName().toString();
      String digest;
      try {
        digest = digests.get(i).join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof java.io.UncheckedIOException u
            ? u.getCause()
            : new IOException(e.getCause());
      }
      entries.put(name, digest);
      added.put(name, digest);
    }
    write(entries);
    return added;
  }

  /** Drops the entries of these files (a failed build's), keeping the others. */
  void remove(List<Path> files) throws IOException {
    if (!Files.exists(directory.resolve(FILE))) {
      return;
    }
    Map<String, String> entries = read();
    files.forEach(f -> entries.remove(f.getFileName().toString()));
    write(entries);
  }

  private void write(Map<String, String> entries) throws IOException {
    List<String> lines = new ArrayList<>();
    entries.forEach((name, digest) -> lines.add(digest + "  " + name));
    Path temp = directory.resolve("." + FILE + ".partial");
    Files.write(temp, lines);
    Files.move(
        temp,
        directory.resolve(FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
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
