package io.jenkins.plugins.cloudimages.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that drops its first connection (both directions, at once) after a given
 * number of bytes went from the client to the server; later connections pass untouched. It stands
 * for a network that fails in the middle of a transfer.
 */
public final class CuttingTcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final long cutAfter;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private CuttingTcpProxy(ServerSocket server, int targetPort, long cutAfter) {
    this.server = server;
    this.targetPort = targetPort;
    this.cutAfter = cutAfter;
  }

  public static CuttingTcpProxy start(int targetPort, long cutAfterBytes) throws IOException {
    CuttingTcpProxy proxy =
        new CuttingTcpProxy(
            new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort, cutAfterBytes);
    Thread acceptor = new Thread(proxy::acceptLoop, "cutting-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return proxy;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** How many client connections were accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        boolean cut = connections.incrementAndGet() == 1;
        AtomicLong sent = new AtomicLong();
        pump(client, upstream, cut ? cutAfter : Long.MAX_VALUE, sent, client, upstream);
        pump(upstream, client, Long.MAX_VALUE, new AtomicLong(), client, upstream);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pump(Socket from, Socket to, long limit, AtomicLong counter, Socket... both) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  long allowed = limit - counter.get();
                  if (allowed <= n) {
                    out.write(buffer, 0, (int) Math.max(0, allowed));
                    out.flush();
                    break;
                  }
                  out.write(buffer, 0, n);
                  counter.addAndGet(n);
                }
              } catch (IOException ignored) {
                // the other direction closed the sockets
              } finally {
                for (Socket socket : both) {
                  closeQuietly(socket);
                }
              }
            },
            "cutting-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(CuttingTcpProxy::closeQuietly);
  }
}
