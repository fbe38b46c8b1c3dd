package io.jenkins.plugins.cloudimages.testing;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real podman Docker-compatible API service on a unix socket in a temporary folder, for tests. On
 * these machines podman runs only with the runc runtime and lowered ulimits (the sandbox's hard
 * nofile limit is below podman's default), given through a CONTAINERS_CONF file. Close to stop.
 */
public final class PodmanService implements AutoCloseable {
  private final Process process;
  private final Path socket;

  private PodmanService(Process process, Path socket) {
    this.process = process;
    this.socket = socket;
  }

  public static PodmanService start(Path dir) throws IOException, InterruptedException {
    RequiredTools.require("podman", "runc", "iptables");
    RequiredTools.requireRoot();
    Path conf = dir.resolve("containers.conf");
    Files.writeString(
        conf,
        "[containers]\n"
            + "default_ulimits=[\"nofile=1024:1024\",\"nproc=1024:1024\"]\n"
            + "[engine]\n"
            + "runtime=\"runc\"\n");
    Path socket = dir.resolve("podman.sock");
    ProcessBuilder builder =
        new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("podman.log").toFile());
    builder.environment().put("CONTAINERS_CONF", conf.toString());
    PodmanService service = new PodmanService(builder.start(), socket);
    service.awaitSocket(Duration.ofSeconds(30), dir);
    return service;
  }

  private void awaitSocket(Duration timeout, Path dir) throws IOException, InterruptedException {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new IOException(
            "podman service exited: " + Files.readString(dir.resolve("podman.log")));
      }
      if (Files.exists(socket)) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          channel.connect(UnixDomainSocketAddress.of(socket));
          return;
        } catch (IOException notYet) {
          // keep waiting
        }
      }
      Thread.sleep(100);
    }
    throw new IOException("podman service did not open " + socket + " within " + timeout);
  }

  public Path socket() {
    return socket;
  }

  @Override
  public void close() {
    ProcessRunner.destroyTree(process);
  }
}
