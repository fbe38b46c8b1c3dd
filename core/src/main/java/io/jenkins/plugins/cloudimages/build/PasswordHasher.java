package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.BackgroundTask;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SHA-512 crypt ({@code $6$}) of a kickstart's plain-text password with {@code openssl passwd -6
 * -stdin}: the password goes through stdin, never on a command line. Builds start hashing the
 * kickstart's passwords while packages install, as each hash costs a process and 5000 rounds.
 */
final class PasswordHasher {
  private final Map<String, BackgroundTask<String, BuildException>> started;

  private PasswordHasher(Map<String, BackgroundTask<String, BuildException>> started) {
    this.started = started;
  }

  /** Starts hashing each of these passwords on a thread of its own. */
  static PasswordHasher startHashing(List<String> passwords) {
    Map<String, BackgroundTask<String, BuildException>> started = new HashMap<>();
    for (String password : passwords) {
      started.computeIfAbsent(
          password, p -> BackgroundTask.start("password hash", () -> sha512Crypt(p)));
    }
    return new PasswordHasher(started);
  }

  /** The hash of this password: the one started ahead, or a new one. */
  String hash(String password) throws BuildException {
    BackgroundTask<String, BuildException> ahead = started.get(password);
    return ahead != null ? ahead.join() : sha512Crypt(password);
  }

  static String sha512Crypt(String password) throws BuildException {
    try {
      Process process = new ProcessBuilder("openssl", "passwd", "-6", "-stdin").start();
      try (OutputStream in = process.getOutputStream()) {
        in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
      }
      String hash =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(30, TimeUnit.SECONDS)
          || process.exitValue() != 0
          || !hash.startsWith("$6$")) {
        process.destroyForcibly();
        throw new BuildException("openssl passwd -6 failed to hash a password");
      }
      return hash;
    } catch (IOException e) {
      throw new BuildException(
          "cannot hash a password: openssl is needed (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while hashing a password", e);
    }
  }
}
