package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.PodmanService;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandsTest {
  @TempDir Path temp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void capture() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setProperty("cloudimg.state", temp.resolve("state").toString());
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
    System.clearProperty("cloudimg.state");
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return Cloudimg.run(args);
  }

  @Test
  void shouldDeployKeepAndDestroyAContainerOnPodman() throws Exception {
    RequiredTools.require("tar", "/bin/busybox");
    try (PodmanService podman =
        PodmanService.start(Files.createDirectories(temp.resolve("podman")))) {
      Path clouds = temp.resolve("clouds.json");
      Files.writeString(
          clouds,
          "{\"clouds\": {\"pod\": {\"type\": \"docker\", \"endpoint\": \"unix://"
              + podman.socket()
              + "\"}}}");
      Path rootfs = busyboxRootfs();

      int deployed =
          run(
              "deploy",
              "--cloud",
              "pod",
              "--clouds",
              clouds.toString(),
              "--image",
              rootfs.toString(),
              "--keep",
              "--format",
              "json");

      assertThat(deployed).as(err.toString()).isZero();
      JsonNode json = new ObjectMapper().readTree(out.toString());
      assertThat(json.path("cloud").asText()).isEqualTo("docker");
      assertThat(json.path("transport").asText()).isEqualTo("exec");
      String id = json.path("id").asText();
      ProcessRunner.Result running = new ProcessRunner().run("podman", "ps", "-q", "--no-trunc");
      assertThat(running.output()).contains(id);

      assertThat(run("destroy", "--cloud", "pod", "--clouds", clouds.toString(), id))
          .as(err.toString())
          .isZero();
      assertThat(new ProcessRunner().run("podman", "ps", "-aq", "--no-trunc").output())
          .doesNotContain(id);
      assertThat(run("destroy", "--cloud", "pod", "--clouds", clouds.toString(), id)).isEqualTo(1);
      assertThat(err.toString()).contains("no cloudimg resource with id " + id);
    }
  }

  @Test
  void shouldRemoveOnlyStaleLocalResourcesAndReportThemAsJson() throws Exception {
    Path stateDir = temp.resolve("local");
    record("img-0000aa", "2020-01-01T00:00:00Z", stateDir);
    record("img-0000bb", Instant.now().toString(), stateDir);
    Path clouds = temp.resolve("clouds.json");
    Files.writeString(
        clouds,
        "{\"clouds\": {\"here\": {\"type\": \"local\", \"options\": {\"stateDir\": \""
            + stateDir
            + "\"}}}}");

    int exit =
        run(
            "janitor",
            "--cloud",
            "here",
            "--clouds",
            clouds.toString(),
            "--older-than",
            "2h",
            "--format",
            "json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.path("removed")).hasSize(1);
    assertThat(json.path("removed").path(0).path("id").asText()).isEqualTo("img-0000aa");
    assertThat(json.path("removed").path(0).path("owner").asText()).isEqualTo("crashed-host");
    assertThat(json.path("kept").asInt()).isEqualTo(1);
    assertThat(stateDir.resolve("img-0000aa")).doesNotExist();
    assertThat(stateDir.resolve("img-0000bb")).exists();
  }

  @Test
  void shouldRejectAnUnknownDriverTypeAsAnEnvironmentError() throws Exception {
    Path clouds = temp.resolve("clouds.json");
    Files.writeString(clouds, "{\"clouds\": {\"az\": {\"type\": \"azure\"}}}");

    int exit = run("janitor", "--cloud", "az", "--clouds", clouds.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown driver name: azure").doesNotContain("Exception");
  }

  @Test
  void shouldRejectAMissingImageFileAsAUsageError() {
    int exit = run("deploy", "--cloud", "local", "--image", temp.resolve("nope.qcow2").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("nope.qcow2 does not exist");
  }

  private static void record(String id, String heartbeat, Path stateDir) throws Exception {
    Path dir = Files.createDirectories(stateDir.resolve(id));
    Files.writeString(
        dir.resolve("resource.json"),
        "{\"kind\":\"IMAGE\",\"id\":\""
            + id
            + "\",\"name\":\"old\",\"tags\":{\"cloudimg-owner\":\"crashed-host\","
            + "\"cloudimg-build\":\"b#1\",\"cloudimg-heartbeat\":\""
            + heartbeat
            + "\"},"
            + "\"source\":null,\"format\":null,\"pid\":0,\"port\":0}");
  }

  private Path busyboxRootfs() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), dir.resolve("busybox"));
    for (String applet : List.of("sh", "sleep", "true")) {
      Files.createSymbolicLink(dir.resolve(applet), Path.of("busybox"));
    }
    Path tar = temp.resolve("rootfs.tar");
    assertThat(
            new ProcessRunner()
                .run("tar", "-C", temp.resolve("rootfs").toString(), "-cf", tar.toString(), ".")
                .succeeded())
        .isTrue();
    return tar;
  }
}
