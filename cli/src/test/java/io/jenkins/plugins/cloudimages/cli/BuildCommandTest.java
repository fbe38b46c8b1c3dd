package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import io.jenkins.plugins.cloudimages.testing.TestRpmRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BuildCommandTest {
  private static final String UPSTREAM = "http://mirror.centos.invalid/centos/9/BaseOS/x86_64/os/";

  @TempDir Path temp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Cloudimg.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void shouldExitTwoForAMissingKickstartOrAnUnknownBackend() throws Exception {
    assertThat(run("build", "--kickstart", temp.resolve("nope.ks").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read the kickstart");

    Path ks = Files.writeString(temp.resolve("CentOS-9-x86_64-X.ks"), "url --url=file:///r/\n");
    assertThat(run("build", "--kickstart", ks.toString(), "--backend", "packer")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown backend name: packer");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldExitOneWithFileAndLineForAnInvalidKickstart() throws Exception {
    Path ks =
        Files.writeString(
            temp.resolve("CentOS-9-x86_64-X.ks"), "url --url=file:///r/\nnosuchcommand --x\n");

    int code =
        run(
            "build",
            "--kickstart",
            ks.toString(),
            "--out",
            temp.resolve("out").toString(),
            "--format",
            "json");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains(ks + ":2: error:");
    assertThat(new ObjectMapper().readTree(out.toString()).path("status").asText())
        .isEqualTo("failed");
  }

  @Test
  void shouldBuildTheTestKickstartAndPrintOneJsonDocument() throws Exception {
    RequiredTools.requireRoot();
    RequiredTools.require("dnf", "rpmbuild", "createrepo_c", "mkfs.ext4", "qemu-img", "debugfs");
    TestRpmRepository repository = TestRpmRepository.get();
    Path ks = temp.resolve("CentOS-9-x86_64-Test.ks");
    try (var in =
        getClass()
            .getResourceAsStream("/io/jenkins/plugins/cloudimages/build/CentOS-9-x86_64-Test.ks")) {
      Files.copy(in, ks);
    }
    Path output = temp.resolve("out");

    int code =
        run(
            "build",
            "--kickstart",
            ks.toString(),
            "--mirror-map",
            UPSTREAM + "=" + repository.fileUrl(),
            "--out",
            output.toString(),
            "--image-format",
            "raw",
            "--compress",
            "xz",
            "--format",
            "json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.path("status").asText()).isEqualTo("built");
    String name = result.path("name").asText();
    assertThat(name).matches("CentOS-9-x86_64-Test-\\d{6}_01");
    assertThat(result.path("images").get(0).asText())
        .isEqualTo(output.resolve(name + ".raw.xz").toString());
    assertThat(output.resolve(name + ".raw.xz")).exists();
    assertThat(Files.readString(output.resolve("sha256sum.txt")))
        .contains(name + ".raw.xz", name + ".build-info.json");
    assertThat(err.toString()).contains("==> dnf install", "not applied");
  }
}
