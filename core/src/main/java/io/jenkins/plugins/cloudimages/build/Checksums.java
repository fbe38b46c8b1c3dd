package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.BackgroundTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private static final long SMALL_FILE = 1 << 20;
  private final Path directory;

  Checksums(Path directory) {
    this.directory = directory;
  }

  /** Adds (or replaces) the entries of these files; returns their digests by file name. */
  Map<String, String> add(List<Path> files) throws IOException {
    return record(hashInBackground(files));
  }

  /** Starts hashing each file (see {@link #hashInBackground(Path)}). */
  static Map<Path, BackgroundTask<String, IOException>> hashInBackground(List<Path> files)
      throws IOException {
    Map<Path, BackgroundTask<String, IOException>> digests = new LinkedHashMap<>();
    for (Path file : files) {
      digests.put(file, hashInBackground(file));
    }
    return digests;
  }

  /**
   * Starts hashing a file on a thread of its own (images are independent, each CPU-bound); a small
   * file is hashed at once, as a thread would cost more than its digest.
   */
  static BackgroundTask<String, IOException> hashInBackground(Path file) throws IOException {
    return Files.size(file) < SMALL_FILE
        ? BackgroundTask.done(Digests.sha256(file))
        : BackgroundTask.start("sha256 " + file.getFileName(), () -> Digests.sha256(file));
  }

  /**
   * Adds (or replaces) the entries of these files once their digests are known; returns the digests
   * by file name.
   */
  Map<String, String> record(Map<Path, BackgroundTask<String, IOException>> digests)
      throws IOException {
    Map<String, String> entries = read();
    Map<String, String> added = new TreeMap<>();
    for (Map.Entry<Path, BackgroundTask<String, IOException>> file : digests.entrySet()) {
      String name = file.getKey().getFileName().toString();
      String digest = file.getValue().join();
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
