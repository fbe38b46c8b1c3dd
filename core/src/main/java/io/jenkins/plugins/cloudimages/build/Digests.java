package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 helpers. */
final class Digests {
  private Digests() {}

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in, (int) Math.min(Files.size(file) + 1, BUFFER));
    }
  }

  /** The digest of what is left in {@code in}; does not close it. */
  static String sha256(InputStream in) throws IOException {
    return sha256(in, BUFFER);
  }

  private static final int BUFFER = 1 << 20;

  private static String sha256(InputStream in, int bufferSize) throws IOException {
    MessageDigest sha = newSha256();
    byte[] buffer = new byte[bufferSize];
    int n;
    while ((n = in.read(buffer)) > 0) {
      sha.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
