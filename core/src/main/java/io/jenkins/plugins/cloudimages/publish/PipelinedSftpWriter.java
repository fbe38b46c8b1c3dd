package io.jenkins.plugins.cloudimages.publish;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.ChannelSubsystem;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * The upload half of an SFTP v3 client, on its own JSch subsystem channel: it streams a file as
 * WRITE requests with many in flight, each as large as the server accepts ({@code
 * limits@openssh.com}: about 255 KiB on OpenSSH, against the 32 KiB ChannelSftp sends). Large
 * writes mean eight times fewer requests, acknowledgements and server-side write calls, which is
 * what OpenSSH's own sftp client does. Everything else (stat, rename, links) stays on ChannelSftp.
 */
final class PipelinedSftpWriter implements AutoCloseable {
  /** Every SFTP v3 server must accept writes of this size. */
  static final int SAFE_WRITE_LENGTH = 32 * 1024;

  /** The write length OpenSSH's sftp-server announces in {@code limits@openssh.com}. */
  static final int OPENSSH_WRITE_LENGTH = 256 * 1024 - 1024;

  private static final byte FXP_INIT = 1;
  private static final byte FXP_VERSION = 2;
  private static final byte FXP_OPEN = 3;
  private static final byte FXP_CLOSE = 4;
  private static final byte FXP_WRITE = 6;
  private static final byte FXP_STATUS = 101;
  private static final byte FXP_HANDLE = 102;
  private static final byte FXP_EXTENDED = (byte) 200;
  private static final byte FXP_EXTENDED_REPLY = (byte) 201;
  private static final int FXF_WRITE = 0x02;
  private static final int FXF_CREAT = 0x08;
  private static final int FXF_TRUNC = 0x10;
  private static final int MAX_REPLY = 256 * 1024;

  private final ChannelSubsystem channel;
  private final DataInputStream in;
  private final OutputStream out;
  private final int requestsInFlight;
  private int writeLength = SAFE_WRITE_LENGTH;
  private int nextId = 1;

  private PipelinedSftpWriter(
      ChannelSubsystem channel, InputStream in, OutputStream out, int requestsInFlight) {
    this.channel = channel;
    this.in = new DataInputStream(in);
    this.out = out;
    this.requestsInFlight = requestsInFlight;
  }

  static PipelinedSftpWriter open(Session session, int requestsInFlight, int timeoutMillis)
      throws JSchException, IOException, SftpException {
    ChannelSubsystem channel = (ChannelSubsystem) session.openChannel("subsystem");
    channel.setSubsystem("sftp");
    InputStream in = channel.getInputStream();
    OutputStream out = channel.getOutputStream();
    channel.connect(timeoutMillis);
    PipelinedSftpWriter writer = new PipelinedSftpWriter(channel, in, out, requestsInFlight);
    try {
      writer.handshake();
    } catch (IOException | SftpException e) {
      channel.disconnect();
      throw e;
    }
    return writer;
  }

  int writeLength() {
    return writeLength;
  }

  private void handshake() throws IOException, SftpException {
    ByteBuffer init = ByteBuffer.allocate(9);
    init.putInt(5).put(FXP_INIT).putInt(3);
    out.write(init.array());
    out.flush();
    Reply version = readReply(false);
    if (version.type != FXP_VERSION) {
      throw new IOException("the SFTP server answered INIT with message type " + version.type);
    }
    boolean limits = false;
    ByteBuffer body = version.body;
    body.getInt(); // protocol version
    while (body.remaining() >= 8) {
      String name = string(body);
      string(body);
      limits |= name.equals("limits@openssh.com");
    }
    if (limits) {
      int id = nextId++;
      byte[] request = "limits@openssh.com".getBytes(StandardCharsets.US_ASCII);
      ByteBuffer packet = ByteBuffer.allocate(13 + request.length);
      packet.putInt(9 + request.length).put(FXP_EXTENDED).putInt(id);
      packet.putInt(request.length).put(request);
      out.write(packet.array());
      out.flush();
      Reply reply = readReply(true);
      if (reply.type == FXP_EXTENDED_REPLY && reply.body.remaining() >= 32) {
        reply.body.getLong(); // packet length
        reply.body.getLong(); // read length
        long write = reply.body.getLong();
        if (write >= SAFE_WRITE_LENGTH) {
          writeLength = (int) Math.min(write, MAX_REPLY - 1024);
        }
      }
    }
  }

  /**
   * Writes what {@code source} still holds to {@code path} from {@code offset} on (truncating the
   * file first when the offset is 0), waiting for every acknowledgement before returning.
   */
  void upload(InputStream source, String path, long offset, LongConsumer sent)
      throws IOException, SftpException {
    byte[] handle = openForWrite(path, offset == 0);
    byte[] data = new byte[writeLength];
    int outstanding = 0;
    long position = offset;
    SftpException firstFailure = null;
    try {
      while (firstFailure == null) {
        int n = source.readNBytes(data, 0, data.length);
        if (n <= 0) {
          break;
        }
        while (outstanding >= requestsInFlight && firstFailure == null) {
          firstFailure = status(readReply(true));
          outstanding--;
        }
        if (firstFailure != null) {
          break;
        }
        sendWrite(handle, position, data, n);
        outstanding++;
        position += n;
        sent.accept(n);
      }
      while (outstanding > 0) {
        SftpException failure = status(readReply(true));
        firstFailure = firstFailure == null ? failure : firstFailure;
        outstanding--;
      }
    } finally {
      if (outstanding == 0) {
        SftpException closing = close(handle);
        firstFailure = firstFailure == null ? closing : firstFailure;
      }
    }
    if (firstFailure != null) {
      throw firstFailure;
    }
  }

  private byte[] openForWrite(String path, boolean truncate) throws IOException, SftpException {
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    int id = nextId++;
    ByteBuffer packet = ByteBuffer.allocate(4 + 1 + 4 + 4 + name.length + 4 + 4);
    packet.putInt(packet.capacity() - 4).put(FXP_OPEN).putInt(id);
    packet.putInt(name.length).put(name);
    packet.putInt(FXF_WRITE | FXF_CREAT | (truncate ? FXF_TRUNC : 0)).putInt(0);
    out.write(packet.array());
    out.flush();
    Reply reply = readReply(true);
    if (reply.type == FXP_HANDLE) {
      int length = reply.body.getInt();
      byte[] handle = new byte[length];
      reply.body.get(handle);
      return handle;
    }
    SftpException failure = status(reply);
    if (failure != null) {
      throw failure;
    }
    throw new IOException("OPEN " + path + " returned no handle");
  }

  private void sendWrite(byte[] handle, long position, byte[] data, int length) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4 + 1 + 4 + 4 + handle.length + 8 + 4);
    header.putInt(header.capacity() - 4 + length).put(FXP_WRITE).putInt(nextId++);
    header.putInt(handle.length).put(handle).putLong(position).putInt(length);
    out.write(header.array());
    out.write(data, 0, length);
    out.flush();
  }

  private SftpException close(byte[] handle) throws IOException {
    ByteBuffer packet = ByteBuffer.allocate(4 + 1 + 4 + 4 + handle.length);
    packet.putInt(packet.capacity() - 4).put(FXP_CLOSE).putInt(nextId++);
    packet.putInt(handle.length).put(handle);
    out.write(packet.array());
    out.flush();
    return status(readReply(true));
  }

  /** Null for SSH_FX_OK, otherwise the failure as JSch reports it. */
  private static SftpException status(Reply reply) throws IOException {
    if (reply.type != FXP_STATUS) {
      throw new IOException("unexpected SFTP message type " + reply.type);
    }
    int code = reply.body.getInt();
    if (code == ChannelSftp.SSH_FX_OK) {
      return null;
    }
    String message = reply.body.remaining() >= 4 ? string(reply.body) : "";
    return new SftpException(code, message.isEmpty() ? "SFTP status " + code : message);
  }

  private record Reply(byte type, ByteBuffer body) {}

  private Reply readReply(boolean hasId) throws IOException {
    int length;
    try {
      length = in.readInt();
    } catch (EOFException e) {
      throw new IOException("the SFTP channel closed", e);
    }
    if (length < 1 || length > MAX_REPLY) {
      throw new IOException("SFTP message of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    ByteBuffer body = ByteBuffer.wrap(bytes);
    byte type = body.get();
    if (hasId) {
      body.getInt();
    }
    return new Reply(type, body);
  }

  private static String string(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.getInt()];
    buffer.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    channel.disconnect();
  }
}
