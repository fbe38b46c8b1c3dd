package io.jenkins.plugins.cloudimages.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.CuttingTcpProxy;
import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishes to a real OpenSSH sshd on 127.0.0.1 (internal-sftp, sha256sum over exec). */
class SftpImagePublisherTest {
  private static final String IMAGE = "CentOS-9-x86_64-GenericCloud-251125_01.qcow2";

  @TempDir Path dir;
  private LoopbackSshd sshd;
  private Path local;
  private Path dest;

  @BeforeEach
  void startSshd() throws Exception {
    Path sshdDir = Files.createDirectories(dir.resolve("sshd"));
    sshd = LoopbackSshd.start(sshdDir);
    local = Files.createDirectories(dir.resolve("local"));
    dest = dir.resolve("host/srv/9/images");
  }

  @AfterEach
  void stopSshd() {
    sshd.close();
  }

  @Test
  void shouldPublishImagesThatSha256sumChecksOnTheHost() throws Exception {
    Path older = image("CentOS-9-x86_64-GenericCloud-251124_01.qcow2", 3 * 1024 * 1024 + 17);
    Path newer = image(IMAGE, 1024 * 1024);
    List<Long> progress = new ArrayList<>();
    try (ImagePublisher publisher =
        publisher(settings().withAlias(true).withRemoteDigest(true), sshd.port())) {
      PublishedFile first = publisher.publish(older, (name, done, total) -> progress.add(done));
      PublishedFile second = publisher.publish(newer, UploadProgress.NONE);

      assertThat(first.remotePath()).isEqualTo(dest.toRealPath() + "/" + older.getFileName());
      assertThat(first.size()).isEqualTo(Files.size(older));
      assertThat(first.sha256()).isEqualTo(sha256(older));
      assertThat(first.remoteDigestVerified()).isTrue();
      assertThat(second.alias()).isEqualTo("CentOS-9-x86_64-GenericCloud.qcow2");
    }
    assertThat(progress).isNotEmpty().last().isEqualTo(Files.size(older));
    assertThat(dest.resolve(IMAGE)).hasSameBinaryContentAs(newer);
    assertThat(Files.readSymbolicLink(dest.resolve("CentOS-9-x86_64-GenericCloud.qcow2")))
        .isEqualTo(Path.of(IMAGE));
    ProcessRunner.Result check =
        new ProcessRunner().in(dest).run("sha256sum", "-c", "--strict", "sha256sum.txt");
    assertThat(check.succeeded()).as(check.output()).isTrue();
    assertThat(check.output()).contains(IMAGE + ": OK", older.getFileName() + ": OK");
    assertThat(hiddenFiles()).isEmpty();
  }

  @Test
  void shouldFallBackToOneChannelWhenTheHostAllowsNoSecond() throws Exception {
    sshd.close();
    sshd = LoopbackSshd.start(Files.createDirectories(dir.resolve("sshd1")), "MaxSessions 1");
    Path image = image(IMAGE, 200_000);
    try (ImagePublisher publisher = publisher(settings(), sshd.port())) {
      assertThat(publisher.publish(image, UploadProgress.NONE).sha256()).isEqualTo(sha256(image));
    }
    assertThat(dest.resolve(IMAGE)).hasSameBinaryContentAs(image);
    assertThat(hiddenFiles()).isEmpty();
  }

  @Test
  void shouldKeepTheAliasOnTheNewestImage() throws Exception {
    Path newer = image(IMAGE, 1000);
    Path older = image("CentOS-9-x86_64-GenericCloud-251101_03.qcow2", 1000);
    try (ImagePublisher publisher = publisher(settings().withAlias(true), sshd.port())) {
      publisher.publish(newer, UploadProgress.NONE);
      assertThat(publisher.publish(older, UploadProgress.NONE).alias()).isNull();
    }
    assertThat(Files.readSymbolicLink(dest.resolve("CentOS-9-x86_64-GenericCloud.qcow2")))
        .isEqualTo(Path.of(IMAGE));
  }

  @Test
  void shouldNeverOverwriteAPublishedName() throws Exception {
    Files.createDirectories(dest);
    Files.writeString(dest.resolve(IMAGE), "the published one");
    Path image = image(IMAGE, 4096);
    try (ImagePublisher publisher = publisher(settings(), sshd.port())) {
      assertThatThrownBy(() -> publisher.publish(image, UploadProgress.NONE))
          .isInstanceOf(PublishException.class)
          .hasMessageContaining(IMAGE + " already exists in " + dest.toRealPath())
          .extracting(e -> ((PublishException) e).reason())
          .isEqualTo(PublishException.Reason.NAME_EXISTS);
    }
    assertThat(dest.resolve(IMAGE)).hasContent("the published one");
    assertThat(dest.resolve("sha256sum.txt")).doesNotExist();
    assertThat(hiddenFiles()).isEmpty();
  }

  @Test
  void shouldRefuseAHostWhoseKeyIsNotThePinnedOne() throws Exception {
    Path wrong = dir.resolve("wrong_known_hosts");
    Files.writeString(
        wrong,
        "[127.0.0.1]:"
            + sshd.port()
            + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
    SshTarget target =
        SshTarget.withKey(sshd.host(), sshd.port(), sshd.user(), sshd.clientKey(), wrong);
    try (ImagePublisher publisher = new SftpImagePublisher(target, settings())) {
      assertThatThrownBy(() -> publisher.publish(image(IMAGE, 10), UploadProgress.NONE))
          .isInstanceOf(SshException.class)
          .hasMessageContaining("does not match");
    }
    assertThat(dest).doesNotExist();
  }

  @Test
  void shouldResumeAnUploadWhoseConnectionDropped() throws Exception {
    Path image = image(IMAGE, 8 * 1024 * 1024 + 5);
    List<String> notes = new ArrayList<>();
    try (CuttingTcpProxy proxy = CuttingTcpProxy.start(sshd.port(), 3 * 1024 * 1024);
        ImagePublisher publisher = publisher(settings(), proxy.port())) {
      PublishedFile published = publisher.publish(image, notingProgress(notes));

      assertThat(proxy.connections()).isEqualTo(2);
      assertThat(published.reconnects()).isEqualTo(1);
      assertThat(published.remoteDigestVerified()).isTrue();
      assertThat(published.sha256()).isEqualTo(sha256(image));
    }
    assertThat(notes).anyMatch(n -> n.startsWith("connection to") && n.contains("lost"));
    assertThat(notes).anyMatch(n -> n.startsWith("resuming " + IMAGE + " at byte "));
    assertThat(dest.resolve(IMAGE)).hasSameBinaryContentAs(image);
    assertThat(hiddenFiles()).isEmpty();
  }

  @Test
  void shouldGiveUpCleanlyWhenTheConnectionKeepsDropping() throws Exception {
    Path image = image(IMAGE, 2 * 1024 * 1024);
    try (CuttingTcpProxy proxy = CuttingTcpProxy.start(sshd.port(), 1024 * 1024);
        ImagePublisher publisher = publisher(settings().withReconnects(0), proxy.port())) {
      assertThatThrownBy(() -> publisher.publish(image, UploadProgress.NONE))
          .isInstanceOf(PublishException.class)
          .hasMessageContaining("dropped while uploading " + IMAGE);
    }
    assertThat(dest.resolve(IMAGE)).doesNotExist();
    assertThat(hiddenFiles()).isEmpty();
  }

  @Test
  void shouldSayTheDiskIsFullAndLeaveNoPartialFile() throws Exception {
    RequiredTools.requireRoot();
    Files.createDirectories(dest);
    mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", dest.toString());
    try {
      Path fits = image("CentOS-9-x86_64-GenericCloud-251124_01.qcow2", 1536 * 1024);
      Path tooBig = image(IMAGE, 1536 * 1024);
      try (ImagePublisher publisher = publisher(settings(), sshd.port())) {
        publisher.publish(fits, UploadProgress.NONE);
        assertThatThrownBy(() -> publisher.publish(tooBig, UploadProgress.NONE))
            .isInstanceOf(PublishException.class)
            .hasMessageContaining("not enough space for " + IMAGE + " in " + dest)
            .extracting(e -> ((PublishException) e).reason())
            .isEqualTo(PublishException.Reason.NO_SPACE);
      }
      assertThat(dest.resolve(IMAGE)).doesNotExist();
      assertThat(hiddenFiles()).isEmpty();
      assertThat(Files.readString(dest.resolve("sha256sum.txt"))).doesNotContain(IMAGE);
    } finally {
      mount("-l", dest.toString());
    }
  }

  @Test
  void shouldListEveryFileWhenTwoPublishersShareAFolder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<PublishedFile>>> runs = new ArrayList<>();
      for (String variant : List.of("GenericCloud", "Vagrant")) {
        List<Path> images = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
          images.add(image("CentOS-9-x86_64-" + variant + "-25112" + n + "_01.qcow2", 20_000));
        }
        Callable<List<PublishedFile>> run =
            () -> {
              List<PublishedFile> done = new ArrayList<>();
              try (ImagePublisher publisher = publisher(settings().withAlias(true), sshd.port())) {
                for (Path image : images) {
                  done.add(publisher.publish(image, UploadProgress.NONE));
                }
              }
              return done;
            };
        runs.add(pool.submit(run));
      }
      for (Future<List<PublishedFile>> run : runs) {
        assertThat(run.get()).hasSize(4);
      }
    } finally {
      pool.shutdownNow();
    }
    ChecksumFile sums = ChecksumFile.parse(Files.readString(dest.resolve("sha256sum.txt")));
    assertThat(sums.names()).hasSize(8);
    ProcessRunner.Result check =
        new ProcessRunner().in(dest).run("sha256sum", "-c", "--strict", "sha256sum.txt");
    assertThat(check.succeeded()).as(check.output()).isTrue();
    assertThat(Files.readSymbolicLink(dest.resolve("CentOS-9-x86_64-Vagrant.qcow2")))
        .isEqualTo(Path.of("CentOS-9-x86_64-Vagrant-251124_01.qcow2"));
    assertThat(hiddenFiles()).isEmpty();
  }

  private PublishSettings settings() {
    return PublishSettings.to(dest.toString());
  }

  private ImagePublisher publisher(PublishSettings settings, int port) throws IOException {
    Path knownHosts = dir.resolve("known_hosts_" + port);
    Files.writeString(
        knownHosts,
        Files.readString(sshd.knownHosts())
            .replace("[127.0.0.1]:" + sshd.port() + " ", "[127.0.0.1]:" + port + " "));
    return new SftpImagePublisher(
        SshTarget.withKey(sshd.host(), port, sshd.user(), sshd.clientKey(), knownHosts), settings);
  }

  private static UploadProgress notingProgress(List<String> notes) {
    return new UploadProgress() {
      @Override
      public void update(String name, long done, long total) {}

      @Override
      public void note(String message) {
        notes.add(message);
      }
    };
  }

  private Path image(String name, long size) throws IOException {
    Path file = local.resolve(name);
    Random random = new Random(name.hashCode());
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    return file;
  }

  private List<String> hiddenFiles() throws IOException {
    try (Stream<Path> files = Files.list(dest)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.startsWith(".") && !f.equals(".") && !f.equals(".."))
          .toList();
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(Files.readAllBytes(file));
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void mount(String... args) {
    List<String> command = new ArrayList<>(List.of(args[0].equals("-l") ? "umount" : "mount"));
    command.addAll(List.of(args));
    ProcessRunner.Result result = new ProcessRunner().run(command);
    assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
  }
}
