package io.jenkins.plugins.cloudimages.publish;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The demo's image host, inside the JVM: an SFTP server (Apache MINA SSHD) on 127.0.0.1 whose root
 * is a local folder, and the same folder over HTTP on 127.0.0.1 so that clouds download images by
 * URL, as they do from cloud.centos.org. Its host key is generated once into the state folder and
 * pinned in {@link #knownHosts()}; one client key ({@link #clientKey()}) may log in as {@link
 * #user()}. SFTP only: the host runs no commands, so publishers cannot check digests there.
 */
public final class EmbeddedImageHost implements AutoCloseable {
  public static final String USER = "images";

  private final Path root;
  private final Path state;
  private final SshServer sshd;
  private final HttpServer http;
  private final ExecutorService httpThreads;

  private EmbeddedImageHost(
      Path root, Path state, SshServer sshd, HttpServer http, ExecutorService httpThreads) {
    this.root = root;
    this.state = state;
    this.sshd = sshd;
    this.http = http;
    this.httpThreads = httpThreads;
  }

  /**
   * Serves {@code root} (created when missing); keys and known_hosts are kept in {@code state}, so
   * a restarted host keeps its host key.
   */
  public static EmbeddedImageHost start(Path root, Path state) throws IOException {
    Files.createDirectories(root);
    Files.createDirectories(state);
    Path clientKey = state.resolve("client_ecdsa");
    if (!Files.exists(clientKey)) {
      writeClientKey(clientKey);
    }
    SimpleGeneratorHostKeyProvider hostKeys =
        new SimpleGeneratorHostKeyProvider(state.resolve("host_key.ser"));
    hostKeys.setAlgorithm("EC");
    hostKeys.setKeySize(256);
    AuthorizedKeysAuthenticator authorized =
        new AuthorizedKeysAuthenticator(state.resolve("client_ecdsa.pub"));
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(hostKeys);
    sshd.setPublickeyAuthenticator(
        (user, key, session) -> USER.equals(user) && authorized.authenticate(user, key, session));
    sshd.setPasswordAuthenticator(null);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
    sshd.start();

    ExecutorService threads = Executors.newFixedThreadPool(4, EmbeddedImageHost::daemon);
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      http.createContext("/", new FolderHandler(root.toRealPath())::handle);
      http.setExecutor(threads);
      http.start();
    } catch (IOException e) {
      sshd.stop(true);
      threads.shutdownNow();
      throw e;
    }
    EmbeddedImageHost host = new EmbeddedImageHost(root, state, sshd, http, threads);
    host.writeKnownHosts(hostKeys.loadKeys(null).iterator().next().getPublic());
    return host;
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "image-host-http");
    thread.setDaemon(true);
    return thread;
  }

  private static void writeClientKey(Path file) throws IOException {
    try {
      KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
      try (OutputStream out = Files.newOutputStream(file)) {
        pair.writePrivateKey(out);
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      try (OutputStream out = Files.newOutputStream(Path.of(file + ".pub"))) {
        pair.writePublicKey(out, "cloudimg-demo");
      }
      pair.dispose();
    } catch (JSchException e) {
      throw new IOException("cannot generate the image host's client key: " + e.getMessage(), e);
    }
  }

  private void writeKnownHosts(PublicKey hostKey) throws IOException {
    Files.writeString(
        knownHosts(), "[127.0.0.1]:" + sshPort() + " " + PublicKeyEntry.toString(hostKey) + "\n");
  }

  /** The folder that is served (the SFTP root and the HTTP root). */
  public Path root() {
    return root;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int sshPort() {
    return sshd.getPort();
  }

  public String user() {
    return USER;
  }

  /** The private key that may log in as {@link #user()}. */
  public Path clientKey() {
    return state.resolve("client_ecdsa");
  }

  /** known_hosts pinning this host's key for {@code [127.0.0.1]:sshPort}. */
  public Path knownHosts() {
    return state.resolve("known_hosts");
  }

  public SshTarget sshTarget() {
    return SshTarget.withKey(host(), sshPort(), user(), clientKey(), knownHosts());
  }

  /**
   * Where a file published at SFTP path {@code path} (e.g. {@code /9/images/x.qcow2}) downloads.
   */
  public URI url(String path) {
    String absolute = path.startsWith("/") ? path : "/" + path;
    try {
      return new URI("http", null, "127.0.0.1", http.getAddress().getPort(), absolute, null, null);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a path: " + path, e);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    httpThreads.shutdownNow();
    try {
      sshd.stop(true);
    } catch (IOException e) {
      // stopping immediately; nothing is left to flush
    }
  }

  /** GET and HEAD of files under the root, with single byte ranges (qemu and curl use them). */
  private record FolderHandler(Path root) {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        Path file = resolve(exchange.getRequestURI().getRawPath());
        if (file == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        long size = Files.size(file);
        long start = 0;
        long end = size - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
          if (m.group(1).isEmpty()) {
            start = Math.max(0, size - Long.parseLong(m.group(2)));
          } else {
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? end : Math.min(end, Long.parseLong(m.group(2)));
          }
          if (start >= size || start > end) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
            exchange.sendResponseHeaders(416, -1);
            return;
          }
          status = 206;
          exchange
              .getResponseHeaders()
              .set("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        long length = end - start + 1;
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (method.equals("HEAD")) {
          exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
          exchange.sendResponseHeaders(status, -1);
          return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (InputStream in = Files.newInputStream(file);
            OutputStream out = exchange.getResponseBody()) {
          in.skipNBytes(start);
          byte[] buffer = new byte[256 * 1024];
          long left = length;
          while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
              break;
            }
            out.write(buffer, 0, n);
            left -= n;
          }
        }
      }
    }

    /** The regular file the path names, symlinks followed but never out of the root; or null. */
    private Path resolve(String rawPath) throws IOException {
      String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
      Path candidate = root.resolve(path.replaceFirst("^/+", "")).normalize();
      if (!candidate.startsWith(root) || !Files.exists(candidate)) {
        return null;
      }
      Path real = candidate.toRealPath();
      return real.startsWith(root) && Files.isRegularFile(real) ? real : null;
    }
  }
}
