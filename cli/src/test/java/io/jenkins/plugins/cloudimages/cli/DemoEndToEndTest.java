package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job, for real: {@code cloudimg demo} builds the demo kickstart through the package
 * mirror, publishes it, boots it in QEMU, tests it and pushes the RELEASEABLE commit.
 */
class DemoEndToEndTest {
  @TempDir Path home;

  @Test
  void shouldTakeAKickstartChangeToAReleasedImage() throws Exception {
    RequiredTools.requireRoot();
    RequiredTools.require(
        "git",
        "debootstrap",
        "rpmbuild",
        "createrepo_c",
        "dnf",
        "mkfs.ext4",
        "depmod",
        "qemu-img",
        "qemu-system-x86_64",
        "cloud-localds");

    CommandRun run =
        CommandRun.of(
            "demo",
            "--home",
            home.toString(),
            "--kickstarts",
            KickstartsDirectoryTest.KICKSTARTS.toString(),
            "--format",
            "json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out());
    Path repository = Path.of(result.get("repository").asText());
    JsonNode image = result.get("images").get(0);
    assertThat(image.get("name").asText()).startsWith("CentOS-9-x86_64-GenericCloud");

    String sha256 = image.get("sha256").asText();
    assertThat(sha256OfDownload(URI.create(image.get("url").asText()))).isEqualTo(sha256);

    Path junit = Path.of(image.get("junit").asText());
    String report = Files.readString(junit);
    assertThat(report).contains("<testcase").doesNotContain("<failure").doesNotContain("<error");
    assertThat(report).contains("p_cloud-init").contains("p_openssh");

    String tip = git(repository, "rev-parse", "main").strip();
    assertThat(image.get("release_commit").asText()).isEqualTo(tip);
    assertThat(git(repository, "log", "-1", "--format=%s", "main"))
        .startsWith("RELEASEABLE " + image.get("name").asText())
        .contains(sha256.substring(0, 12));
    assertThat(git(repository, "log", "-1", "--format=%s", "main~1"))
        .startsWith("Kickstart: demo change 1");
  }

  private static String sha256OfDownload(URI url) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(url.toURL().openStream(), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String git(Path repository, String... arguments) {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C"));
    command.add(repository.toString());
    command.addAll(java.util.List.of(arguments));
    ProcessRunner.Result result = new ProcessRunner().run(command);
    assertThat(result.succeeded()).as(result.output()).isTrue();
    return result.output();
  }
}
