package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * git repository, through GitClientRepository on a FAKE GitClient (JGitFakeGitClient: the Git
 * client plugin itself cannot run without Jenkins). What is tested is the glue's part: which remote
 * operations it asks the client for and how it reads their failures.
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
  private JGitFakeGitClient client;
  private boolean tag;
  private Runnable beforePush = () -> {};

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
    List<String> firstCalls = client.calls();
    ReleaseCallable.Outcome again = release();

    assertThat(first.succeeded()).isTrue();
    assertThat(first.status()).isEqualTo("LANDED");
    assertThat(git(server, "log", "-1", "--format=%s", "main"))
        .isEqualTo("RELEASEABLE " + IMAGE + " " + SHA.substring(0, 12));
    assertThat(git(server, "show", "main:" + METADATA)).contains(IMAGE).contains("releases");
    assertThat(again.status()).isEqualTo("ALREADY_RELEASED");
    assertThat(git(server, "rev-list", "--count", "main")).isEqualTo("2");
    assertThat(firstCalls)
        .contains("setRemoteUrl origin " + server)
        .anyMatch(call -> call.startsWith("push ") && call.endsWith(":refs/heads/main"));
  }

  @Test
  void shouldReapplyTheRecordWhenAnotherPushWinsTheRace() throws Exception {
    report("local", 0);
    beforePush = once(() -> pushUnrelatedCommit("README"));

    ReleaseCallable.Outcome outcome = release();

    assertThat(outcome.status()).isEqualTo("LANDED");
    assertThat(git(server, "log", "--format=%s", "main").lines())
        .containsExactly(
            "RELEASEABLE " + IMAGE + " " + SHA.substring(0, 12), "someone else's change", "ks");
    assertThat(client.calls().stream().filter(call -> call.startsWith("push "))).hasSize(2);
  }

  @Test
  void shouldFailAPushTheRemoteRefusedWithoutMoving() throws Exception {
    report("local", 0);
    beforePush =
        () -> {
          throw new hudson.plugins.git.GitException("remote: permission denied");
        };

    assertThatThrownBy(this::release)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("pushing to main")
        .hasMessageContaining("permission denied");
    assertThat(git(server, "rev-list", "--count", "main")).isEqualTo("1");
  }

  @Test
  void shouldPushAnAnnotatedTagWhenAsked() throws Exception {
    report("local", 0);
    tag = true;

    ReleaseCallable.Outcome outcome = release();

    assertThat(git(server, "cat-file", "-t", "refs/tags/" + IMAGE)).isEqualTo("tag");
    assertThat(git(server, "rev-parse", IMAGE + "^{commit}")).isEqualTo(outcome.commit());
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
            tag,
            "job/images/7");
    Path clone = Files.createTempDirectory(dir, "release");
    client = new JGitFakeGitClient(clone.toFile());
    client.beforePush = beforePush;
    return new ReleaseCallable(image, spec, null, listener)
        .release(client.client(), workspace, clone);
  }

  private Runnable once(Runnable action) {
    boolean[] done = {false};
    return () -> {
      if (!done[0]) {
        done[0] = true;
        action.run();
      }
    };
  }

  private void pushUnrelatedCommit(String file) {
    try {
      Path other = Files.createTempDirectory(dir, "other");
      git(dir, "clone", "-q", server.toString(), other.toString());
      Files.writeString(other.resolve(file), "moved meanwhile\n");
      git(other, "add", file);
      git(
          other,
          "-c",
          "user.name=o",
          "-c",
          "user.email=o@example.org",
          "commit",
          "-q",
          "-m",
          "someone else's change");
      git(other, "push", "-q", "origin", "HEAD:main");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
