package io.jenkins.plugins.cloudimages.deploy.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A POSIX ustar archive holding one regular file (mode 0644, owned by root), as the engine's
 * archive endpoint takes it. The header, which carries the size, is written after the content.
 */
final class SingleFileTar {
  private static final int BLOCK = 512;
  private static final int MAX_NAME_BYTES = 100;

  private SingleFileTar() {}

  static void write(Path tar, String name, InputStream content) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > MAX_NAME_BYTES || name.contains("/")) {
      throw new IOException("cannot put " + name + " into a tar header");
    }
    try (FileChannel channel =
        FileChannel.open(
            tar,
            StandardOpenOption.WRITE,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.position(BLOCK);
      long size = content.transferTo(Channels.newOutputStream(channel));
      int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
      channel.write(ByteBuffer.allocate(padding + 2 * BLOCK));
      channel.write(ByteBuffer.wrap(header(nameBytes, size)), 0);
    }
  }

  private static byte[] header(byte[] name, long size) {
    byte[] header = new byte[BLOCK];
    System.arraycopy(name, 0, header, 0, name.length);
    octal(header, 100, 8, 0644);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    octal(header, 136, 12, Instant.now().getEpochSecond());
    header[156] = '0';
    ascii(header, 257, "ustar\0" + "00");
    ascii(header, 265, "root");
    ascii(header, 297, "root");
    ascii(header, 148, "        ");
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    return header;
  }

  /** {@code value} as zero-padded octal digits filling {@code length - 1} bytes, then NUL. */
  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException(value + " does not fit a tar header field");
    }
    ascii(header, offset, "0".repeat(length - 1 - digits.length()) + digits + "\0");
  }

  private static void ascii(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
