package io.jenkins.plugins.cloudimages.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An {@link SshTarget} for a private key and pinned host keys held in memory (a Jenkins credential,
 * a key pair made for one build, host keys read from a console log). {@link SshConnector} reads
 * files, so they are written to a private temporary folder (0700, files 0600) that {@link #close()}
 * deletes. Host keys are still checked strictly: only the pinned ones are accepted.
 */
public final class InMemorySshKeys implements AutoCloseable {
  private final Path dir;
  private final SshTarget target;

  private InMemorySshKeys(Path dir, SshTarget target) {
    this.dir = dir;
    this.target = target;
  }

  /**
   * @param privateKey an OpenSSH or PEM private key, unencrypted
   * @param pinnedHostKeys the host's public keys, each {@code <type> <base64>} (as in a {@code
   *     .pub} file) or a whole known_hosts line
   */
  public static InMemorySshKeys of(
      String host, int port, String user, byte[] privateKey, List<String> pinnedHostKeys)
      throws IOException {
    if (pinnedHostKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one pinned host key is needed");
    }
    Path dir =
        Files.createTempDirectory(
            "cloudimg-ssh-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      Path key = privateFile(dir.resolve("identity"));
      Files.write(key, privateKey);
      List<String> lines = new ArrayList<>();
      String pattern = port == 22 ? host : "[" + host + "]:" + port;
      for (String pinned : pinnedHostKeys) {
        String line = pinned.strip();
        if (line.isEmpty()) {
          continue;
        }
        String first = line.split("\\s+", 2)[0];
        boolean bareKey =
            first.startsWith("ssh-") || first.startsWith("ecdsa-") || first.startsWith("sk-");
        lines.add(bareKey ? pattern + " " + line : line);
      }
      Path knownHosts = privateFile(dir.resolve("known_hosts"));
      Files.write(knownHosts, lines, StandardCharsets.UTF_8);
      return new InMemorySshKeys(dir, SshTarget.withKey(host, port, user, key, knownHosts));
    } catch (IOException | RuntimeException e) {
      delete(dir);
      throw e;
    }
  }

  private static Path privateFile(Path file) throws IOException {
    return Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  public SshTarget target() {
    return target;
  }

  @Override
  public void close() {
    delete(dir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException ignored) {
      // the temporary folder is private to this user; nothing else can read what is left
    }
  }
}
