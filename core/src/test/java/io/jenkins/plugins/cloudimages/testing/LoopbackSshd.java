package io.jenkins.plugins.cloudimages.testing;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real OpenSSH sshd on 127.0.0.1, for tests: its own host key (pinned in {@link #knownHosts()}),
 * a client key pair allowed to log in as the current user ({@link #clientKey()}), internal-sftp.
 * Close it to stop the server.
 */
public final class LoopbackSshd implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process process;

  private LoopbackSshd(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts sshd in {@code dir} (a fresh temporary folder). {@code extraConfig} lines are added to
   * sshd_config (e.g. {@code "MaxSessions 2"}).
   */
  public static LoopbackSshd start(Path dir, String... extraConfig)
      throws IOException, InterruptedException {
    RequiredTools.require("/usr/sbin/sshd", "ssh-keygen");
    RequiredTools.requireRoot();
    Files.createDirectories(Path.of("/run/sshd"));
    keygen(dir.resolve("host_ed25519"));
    keygen(dir.resolve("client_ed25519"));
    Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
    int port = freePort();
    List<String> config = new ArrayList<>();
    config.add("Port " + port);
    config.add("ListenAddress 127.0.0.1");
    config.add("HostKey " + dir.resolve("host_ed25519"));
    config.add("PidFile " + dir.resolve("sshd.pid"));
    config.add("AuthorizedKeysFile " + dir.resolve("authorized_keys"));
    config.add("UsePAM no");
    config.add("StrictModes no");
    config.add("PermitRootLogin prohibit-password");
    config.add("PasswordAuthentication no");
    config.add("Subsystem sftp internal-sftp");
    config.addAll(List.of(extraConfig));
    Path configFile = dir.resolve("sshd_config");
    Files.write(configFile, config, StandardCharsets.UTF_8);
    String hostKey = Files.readString(dir.resolve("host_ed25519.pub")).trim();
    String[] parts = hostKey.split(" ");
    Files.writeString(
        dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
    Process process =
        new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", configFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    LoopbackSshd sshd = new LoopbackSshd(dir, port, process);
    sshd.awaitListening(Duration.ofSeconds(20));
    return sshd;
  }

  private static void keygen(Path key) {
    ProcessRunner.Result result =
        new ProcessRunner()
            .run(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "cloudimg-test",
                "-f",
                key.toString());
    if (!result.succeeded()) {
      throw new IllegalStateException(result.describeFailure());
    }
    try {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A TCP port that was free a moment ago on 127.0.0.1. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitListening(Duration timeout) throws IOException, InterruptedException {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException("sshd did not listen on port " + port + " within " + timeout);
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public String user() {
    return System.getProperty("user.name");
  }

  /** The private key allowed to log in. */
  public Path clientKey() {
    return dir.resolve("client_ed25519");
  }

  /** known_hosts with the server's host key pinned for {@code [127.0.0.1]:port}. */
  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** The server's log (sshd -e). */
  public Path log() {
    return dir.resolve("sshd.log");
  }

  /** Stops the server at once, dropping every connection (for dropped-connection tests). */
  public void kill() {
    ProcessRunner.destroyTree(process);
  }

  @Override
  public void close() {
    kill();
  }
}
