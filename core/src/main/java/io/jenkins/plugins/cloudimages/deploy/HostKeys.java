package io.jenkins.plugins.cloudimages.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pinned host keys: the known_hosts file a deployment connects with, and the host keys cloud-init
 * prints on the serial console between {@code -----BEGIN SSH HOST KEY KEYS-----} and {@code
 * -----END SSH HOST KEY KEYS-----}.
 */
public final class HostKeys {
  static final String BEGIN = "-----BEGIN SSH HOST KEY KEYS-----";
  static final String END = "-----END SSH HOST KEY KEYS-----";

  private HostKeys() {}

  /** Writes a known_hosts file pinning {@code keys} ("type base64 [comment]") for host:port. */
  public static Path writeKnownHosts(Path file, String host, int port, List<String> keys)
      throws IOException {
    String pattern = port == 22 ? host : "[" + host + "]:" + port;
    StringBuilder text = new StringBuilder();
    for (String key : keys) {
      String[] parts = key.trim().split("\\s+");
      if (parts.length < 2) {
        throw new IllegalArgumentException("not an SSH public key: " + key);
      }
      text.append(pattern).append(' ').append(parts[0]).append(' ').append(parts[1]).append('\n');
    }
    Files.writeString(file, text);
    return file;
  }

  /**
   * The host keys of the last complete block on the console, each as "type base64"; empty when no
   * complete block was printed yet. Console lines may carry a timestamp or prefix before the key.
   */
  public static List<String> fromConsole(String console) {
    int end = console.lastIndexOf(END);
    if (end < 0) {
      return List.of();
    }
    int begin = console.lastIndexOf(BEGIN, end);
    if (begin < 0) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (String line : console.substring(begin + BEGIN.length(), end).split("\r?\n")) {
      String[] words = line.trim().split("\\s+");
      for (int i = 0; i + 1 < words.length; i++) {
        if (words[i].matches("ssh-[a-z0-9]+|ecdsa-sha2-nistp\\d+|sk-[a-z0-9@.-]+")
            && words[i + 1].startsWith("AAAA")) {
          keys.add(words[i] + " " + words[i + 1]);
          break;
        }
      }
    }
    return keys;
  }
}
