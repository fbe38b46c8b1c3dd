package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * SHA-512 crypt ({@code $6$}) of a kickstart's plain-text password with {@code openssl passwd -6
 * -stdin}: the password goes through stdin, never on a command line.
 */
final class PasswordHasher {
  private PasswordHasher() {}

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
