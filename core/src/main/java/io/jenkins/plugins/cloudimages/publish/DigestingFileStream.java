package io.jenkins.plugins.cloudimages.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
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
 * so the digest always covers the whole file from its first byte.
 *
 * <p>Reading and hashing run ahead on a thread of their own, a few blocks ahead of the reader: the
 * uploading thread spends its time encrypting, and SHA-256 (as costly per byte as the cipher) runs
 * beside it on the second core instead of in turn with it. Memory stays bounded by {@link #BLOCKS}
 * blocks.
 */
final class DigestingFileStream extends InputStream {
  static final int BLOCK_SIZE = 256 * 1024;
  static final int BLOCKS = 4;

  /** A block read and hashed, the end of the file, or the failure that stopped reading. */
  private record Block(ByteBuffer data, IOException failure) {
    static final Block END = new Block(null, null);
  }

  private final FileChannel channel;
  private final MessageDigest digest;
  private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS + 1);
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BLOCKS);
  private final Thread readAhead;
  private Block current;
  private boolean ended;
  private long position;

  DigestingFileStream(Path file) throws IOException {
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new LocalReadException(e);
    }
    this.digest = sha256();
    for (int i = 0; i < BLOCKS; i++) {
      free.add(ByteBuffer.allocate(BLOCK_SIZE));
    }
    readAhead = new Thread(this::readAndHash, "cloudimg read-ahead " + file.getFileName());
    readAhead.setDaemon(true);
    readAhead.start();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private void readAndHash() {
    try {
      while (true) {
        ByteBuffer buffer = free.take();
        buffer.clear();
        int n;
        try {
          n = channel.read(buffer);
        } catch (IOException e) {
          filled.put(new Block(null, e));
          return;
        }
        if (n < 0) {
          filled.put(Block.END);
          return;
        }
        buffer.flip();
        digest.update(buffer.array(), 0, buffer.limit());
        filled.put(new Block(buffer, null));
      }
    } catch (InterruptedException closed) {
      // close() stops the read-ahead; nothing waits for it any more
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
    ByteBuffer data = nextData();
    if (data == null) {
      return -1;
    }
    int n = Math.min(length, data.remaining());
    data.get(buffer, offset, n);
    position += n;
    return n;
  }

  /** The current block with bytes left in it, or null at the end of the file. */
  private ByteBuffer nextData() throws IOException {
    while (current == null || !current.data().hasRemaining()) {
      if (ended) {
        return null;
      }
      if (current != null) {
        free.add(current.data());
        current = null;
      }
      Block next = take();
      if (next.failure() != null) {
        ended = true;
        throw new LocalReadException(next.failure());
      }
      if (next == Block.END) {
        ended = true;
        return null;
      }
      current = next;
    }
    return current.data();
  }

  private Block take() throws IOException {
    try {
      return filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the image");
    }
  }

  @Override
  public long skip(long count) throws IOException {
    long skipped = 0;
    while (skipped < count) {
      ByteBuffer data = nextData();
      if (data == null) {
        break;
      }
      int n = (int) Math.min(data.remaining(), count - skipped);
      data.position(data.position() + n);
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

  /**
   * The digest of the whole file; call once, at the end. Whatever was not read yet is read and
   * hashed first, so the digest never covers less than the file.
   */
  String sha256Hex() throws IOException {
    while (nextData() != null) {
      current.data().position(current.data().limit());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() throws IOException {
    readAhead.interrupt();
    try {
      readAhead.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channel.close();
  }
}
