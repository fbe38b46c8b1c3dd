package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageInfo;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent side of releaseMarker, in-process, against the engine's release stage and a real bare
 * git repository.
 */
class ReleaseCallableTest {
  private static final String SHA = "0123456789abcdef".repeat(4);
  private static final String IMAGE = "CentOS-7-x86_64-GenericCloud-251125_01.qcow2";
  private static final String METADATA = "images/CentOS-7-x86_64-GenericCloud.json";

  @TempDir Path dir;
  private Path server;
  private Path workspace;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final TaskListener listener = () -> new PrintStream(log, true, StandardCharsets.UTF_8);

  @BeforeEach
  void createRepositoryAndWorkspace() throws Exception {
    RequiredTools.require("git");
    server = dir.resolve("kickstarts.git");
    git(dir, "init", "-q", "--bare", "-b", "main", server.toString());
    Path work = dir.resolve("work");
    git(dir, "clone", "-q", server.toString(), work.toString());
    Files.createDirectories(work.resolve("images"));
    Files.writeString(work.resolve("images/CentOS-7-x86_64-GenericCloud.ks"), "text\n");
    Files.writeString(work.resolve(METADATA), "{\n    \"distro\": \"centos\"\n}\n");
    git(work, "add", ".");
    git(work, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "ks");
    git(work, "push", "-q", "origin", "HEAD:main");
    workspace = Files.createDirectories(dir.resolve("workspace"));
    Files.createDirectories(workspace.resolve("cloudimg-tests"));
  }

  @Test
  void shouldPushTheReleaseCommitOnceForAPassingImage() throws Exception {
    report("local", 0);

    ReleaseCallable.Outcome first = release();
    ReleaseCallable.Outcome again = release();

    assertThat(first.succeeded()).isTrue();
    assertThat(first.status()).isEqualTo("LANDED");
    assertThat(git(server, "log", "-1", "--format=%s", "main"))
        .isEqualTo("RELEASEABLE " + IMAGE + " " + SHA.substring(0, 12));
    assertThat(git(server, "show", "main:" + METADATA)).contains(IMAGE).contains("releases");
    assertThat(again.status()).isEqualTo("ALREADY_RELEASED");
    assertThat(git(server, "rev-list", "--count", "main")).isEqualTo("2");
  }

  @Test
  void shouldRefuseWhenAReportHasFailures() throws Exception {
    report("local", 2);

    ReleaseCallable.Outcome outcome = release();

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.status()).isEqualTo("REFUSED");
    assertThat(git(server, "rev-list", "--count", "main")).isEqualTo("1");
  }

  private ReleaseCallable.Outcome release() throws Exception {
    ImageInfo image =
        new ImageInfo(
            IMAGE,
            "cloudimg-out/" + IMAGE,
            List.of("qcow2"),
            SHA,
            "https://images.example.org/7/images/" + IMAGE,
            METADATA);
    ReleaseCallable.Spec spec =
        new ReleaseCallable.Spec(
            server.toString(),
            "",
            METADATA,
            List.of("cloudimg-tests/local.xml"),
            List.of("local"),
            "tested by the plugin",
            "Release Bot <bot@example.org>",
            false,
            "job/images/7",
            "");
    return new ReleaseCallable(image, spec, null, listener).invoke(workspace.toFile(), null);
  }

  private void report(String cloud, int failures) throws IOException {
    Files.writeString(
        workspace.resolve("cloudimg-tests/" + cloud + ".xml"),
        "<testsuite name=\"t_functional\" tests=\"10\" failures=\""
            + failures
            + "\" errors=\"0\" skipped=\"0\" time=\"42.5\"></testsuite>");
  }

  private static String git(Path in, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", in.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    return out.strip();
  }
}
