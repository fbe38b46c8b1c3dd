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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a file once, feeding every byte to SHA-256 on the way; skipping also hashes what it skips,
 * so the digest always covers the whole file from its first byte. A reader thread reads and hashes
 * a few buffers ahead (at most {@link #BUFFERS} x {@link #BUFFER_SIZE} bytes in memory), so the
 * hashing overlaps the encryption of the upload instead of adding to it.
 */
final class DigestingFileStream extends InputStream {
  static final int BUFFER_SIZE = 256 * 1024;
  static final int BUFFERS = 6;

  private record Chunk(byte[] data, int length, IOException failure) {
    static final Chunk END = new Chunk(null, -1, null);
  }

  private final FileChannel channel;
  private final MessageDigest digest;
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread reader;
  private Chunk current;
  private int consumed;
  private long position;
  private boolean ended;

  DigestingFileStream(Path file) throws IOException {
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new LocalReadException(e);
    }
    this.digest = sha256();
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[BUFFER_SIZE]);
    }
    reader = new Thread(this::readAhead, "digest " + file.getFileName());
    reader.setDaemon(true);
    reader.start();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private void readAhead() {
    try {
      while (true) {
        byte[] buffer = free.take();
        int length = 0;
        int n = 0;
        while (length < buffer.length
            && (n = channel.read(ByteBuffer.wrap(buffer, length, buffer.length - length))) > 0) {
          length += n;
        }
        if (length > 0) {
          digest.update(buffer, 0, length);
          filled.put(new Chunk(buffer, length, null));
        }
        if (n < 0) {
          filled.put(Chunk.END);
          return;
        }
      }
    } catch (IOException e) {
      filled.offer(new Chunk(null, -1, e));
    } catch (InterruptedException e) {
      // closed before the end
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
    if (!ensureChunk()) {
      return -1;
    }
    int n = Math.min(length, current.length() - consumed);
    System.arraycopy(current.data(), consumed, buffer, offset, n);
    consumed += n;
    position += n;
    return n;
  }

  /** Makes {@code current} a chunk with bytes left; false at the end of the file. */
  private boolean ensureChunk() throws IOException {
    if (current != null && consumed < current.length()) {
      return true;
    }
    if (ended) {
      return false;
    }
    if (current != null) {
      free.add(current.data());
      current = null;
    }
    Chunk next;
    try {
      next = filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalReadException(new IOException("interrupted while reading", e));
    }
    if (next.failure() != null) {
      throw new LocalReadException(next.failure());
    }
    if (next == Chunk.END) {
      ended = true;
      return false;
    }
    current = next;
    consumed = 0;
    return true;
  }

  @Override
  public long skip(long count) throws IOException {
    long skipped = 0;
    while (skipped < count && ensureChunk()) {
      int n = (int) Math.min(count - skipped, current.length() - consumed);
      consumed += n;
      position += n;
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

  /** The digest of the whole file; call once, after reading to the end. */
  String sha256Hex() throws IOException {
    if (ensureChunk()) {
      throw new IllegalStateException("the file was not read to its end");
    }
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalReadException(new IOException("interrupted while hashing", e));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() throws IOException {
    reader.interrupt();
    channel.close();
  }
}
