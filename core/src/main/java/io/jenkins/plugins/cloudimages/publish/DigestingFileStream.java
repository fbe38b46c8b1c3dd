package io.jenkins.plugins.cloudimages.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a file once, feeding every byte to SHA-256 on the way; skipping also hashes what it skips,
 * so the digest always covers the whole file from its first byte.
 */
final class DigestingFileStream extends InputStream {
  private final FileChannel channel;
  private final MessageDigest digest;
  private long position;

  DigestingFileStream(Path file) throws IOException {
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new LocalReadException(e);
    }
    this.digest = sha256();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int n;
    try {
      n = channel.read(ByteBuffer.wrap(buffer, offset, length));
    } catch (IOException e) {
      throw new LocalReadException(e);
    }
    if (n > 0) {
      digest.update(buffer, offset, n);
      position += n;
    }
    return n;
  }

  @Override
  public long skip(long count) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long skipped = 0;
    while (skipped < count) {
      int n = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
      if (n < 0) {
        break;
      }
      skipped += n;
    }
    return skipped;
  }

  /** A failure reading the local file, as opposed to one writing to the host. */
  static final class LocalReadException extends IOException {
    LocalReadException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  long position() {
    return position;
  }

  /** The digest of everything read so far; call once, at the end. */
  String sha256Hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
