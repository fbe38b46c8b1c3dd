package io.jenkins.plugins.cloudimages.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's in-JVM image host: publishing to it over SFTP and downloading over HTTP. */
class EmbeddedImageHostTest {
  private static final String IMAGE = "CentOS-9-x86_64-GenericCloud-251125_01.qcow2";

  @TempDir Path dir;

  @Test
  void shouldServeOverHttpWhatWasPublishedOverSftp() throws Exception {
    byte[] content = new byte[300_000];
    Arrays.fill(content, (byte) 7);
    content[299_999] = 9;
    Path image = Files.write(dir.resolve(IMAGE), content);
    try (EmbeddedImageHost host =
        EmbeddedImageHost.start(dir.resolve("root"), dir.resolve("state"))) {
      PublishedFile published;
      try (ImagePublisher publisher =
          new SftpImagePublisher(
              host.sshTarget(),
              PublishSettings.to("/9/images").withAlias(true).withRemoteDigest(true))) {
        published = publisher.publish(image, UploadProgress.NONE);
      }
      assertThat(published.remotePath()).isEqualTo("/9/images/" + IMAGE);
      assertThat(published.remoteDigestVerified()).isFalse();
      assertThat(host.root().resolve("9/images/" + IMAGE)).hasBinaryContent(content);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<byte[]> whole =
          http.send(
              HttpRequest.newBuilder(host.url("/9/images/CentOS-9-x86_64-GenericCloud.qcow2"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.body()).isEqualTo(content);
      HttpResponse<byte[]> tail =
          http.send(
              HttpRequest.newBuilder(host.url(published.remotePath()))
                  .header("Range", "bytes=299998-")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(tail.statusCode()).isEqualTo(206);
      assertThat(tail.body()).containsExactly(7, 9);
      HttpResponse<String> sums =
          http.send(
              HttpRequest.newBuilder(host.url("/9/images/sha256sum.txt")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(sums.body()).isEqualTo(published.sha256() + "  " + IMAGE + "\n");
      HttpResponse<String> outside =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(host.url("/").toString() + "..%2f..%2fstate/client_ecdsa"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(outside.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void shouldOnlyLetThePinnedKeyPairIn() throws Exception {
    try (EmbeddedImageHost host =
        EmbeddedImageHost.start(dir.resolve("root"), dir.resolve("state"))) {
      Path otherState = dir.resolve("other");
      try (EmbeddedImageHost other = EmbeddedImageHost.start(dir.resolve("root2"), otherState)) {
        SshTarget strangerKey =
            SshTarget.withKey(
                host.host(), host.sshPort(), host.user(), other.clientKey(), host.knownHosts());
        try (ImagePublisher publisher =
            new SftpImagePublisher(strangerKey, PublishSettings.to("/x"))) {
          assertThatThrownBy(
                  () ->
                      publisher.publish(
                          Files.writeString(dir.resolve("f"), "x"), UploadProgress.NONE))
              .isInstanceOf(SshException.class)
              .hasMessageContaining("authentication");
        }
      }
    }
  }
}
