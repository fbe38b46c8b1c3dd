package io.jenkins.plugins.cloudimages.pipeline.demo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Hands on each complete line a growing log file gains, like {@code tail -f}. */
final class LogFollower {
  private final Path file;
  private final Consumer<String> lines;
  private long offset;
  private final StringBuilder partial = new StringBuilder();

  LogFollower(Path file, Consumer<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  void poll() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      if (in.length() < offset) {
        offset = 0; // replaced by a new file
      }
      in.seek(offset);
      byte[] buffer = new byte[(int) Math.min(in.length() - offset, 1 << 20)];
      in.readFully(buffer);
      offset += buffer.length;
      partial.append(new String(buffer, StandardCharsets.UTF_8));
    }
    int end;
    while ((end = partial.indexOf("\n")) >= 0) {
      lines.accept(partial.substring(0, end));
      partial.delete(0, end + 1);
    }
  }
}
