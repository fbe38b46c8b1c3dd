package io.jenkins.plugins.cloudimages.deploy.docker;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A minimal HTTP/1.1 client over a unix domain socket (java.net.http cannot use one), for the
 * Docker Engine API: one connection per request ({@code Connection: close}), bodies from memory or
 * streamed from a file, responses with Content-Length, chunked encoding or read to the end. A
 * watchdog closes the connection when the request's time is up, since socket channels have no read
 * timeout.
 */
final class UnixHttpClient {
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "unix-http watchdog");
            t.setDaemon(true);
            return t;
          });

  /** A response: status, lower-cased header names, and the body (empty when streamed). */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Path socket;

  UnixHttpClient(Path socket) {
    this.socket = socket;
  }

  Path socket() {
    return socket;
  }

  Response send(String method, String path, byte[] json, Duration timeout) throws IOException {
    return exchange(method, path, "application/json", json, null, timeout, null);
  }

  Response upload(String method, String path, Path file, Duration timeout) throws IOException {
    return exchange(method, path, "application/x-tar", null, file, timeout, null);
  }

  /** Sends a request and passes the raw response body to {@code sink} as it arrives. */
  Response stream(
      String method, String path, byte[] json, Duration timeout, Consumer<InputStream> sink)
      throws IOException {
    return exchange(method, path, "application/json", json, null, timeout, sink);
  }

  private Response exchange(
      String method,
      String path,
      String contentType,
      byte[] body,
      Path file,
      Duration timeout,
      Consumer<InputStream> sink)
      throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    ScheduledFuture<?> watchdog =
        WATCHDOG.schedule(
            () -> {
              try {
                channel.close();
              } catch (IOException ignored) {
                // closing is all we wanted
              }
            },
            Math.max(1, timeout.toMillis()),
            TimeUnit.MILLISECONDS);
    try (channel) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(channel);
      long length = body != null ? body.length : file != null ? Files.size(file) : 0;
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: docker\r\n");
      head.append("Connection: close\r\n");
      if (body != null || file != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      head.append("Content-Length: ").append(length).append("\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      } else if (file != null) {
        Files.copy(file, out);
      }
      out.flush();
      InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(channel));
      String status = readLine(in);
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP response from " + socket + ": " + status);
      }
      int code = Integer.parseInt(parts[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim());
        }
      }
      InputStream content = body(in, headers);
      if (sink != null && code / 100 == 2) {
        try {
          sink.accept(content);
        } catch (java.io.UncheckedIOException e) {
          throw e.getCause();
        }
        return new Response(code, headers, new byte[0]);
      }
      return new Response(code, headers, content.readAllBytes());
    } catch (java.nio.channels.ClosedChannelException e) {
      throw new IOException(
          method + " " + path + " on " + socket + " timed out after " + timeout.toSeconds() + " s",
          e);
    } finally {
      watchdog.cancel(false);
    }
  }

  private static InputStream body(InputStream in, Map<String, String> headers) {
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      return new ChunkedInputStream(in);
    }
    String length = headers.get("content-length");
    if (length != null) {
      return new BoundedInputStream(in, Long.parseLong(length));
    }
    return in;
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b == -1 && line.size() == 0) {
      throw new EOFException("connection closed");
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads exactly {@code remaining} bytes, then reports the end. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }

  /** Decodes HTTP/1.1 chunked transfer encoding. */
  private static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    private boolean next() throws IOException {
      if (done) {
        return false;
      }
      if (left == 0) {
        String size = readLine(in);
        if (size.isEmpty()) {
          size = readLine(in);
        }
        int semicolon = size.indexOf(';');
        left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (left == 0) {
          done = true;
          return false;
        }
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      if (!next()) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (!next()) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
