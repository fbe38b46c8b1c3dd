package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PublishCommandTest {
  private static final String IMAGE = "CentOS-9-x86_64-GenericCloud-251125_01.qcow2";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldPrintOneJsonDocumentAndRefuseAnExistingName() throws Exception {
    Path image = Files.writeString(dir.resolve(IMAGE), "an image\n");
    Path dest = dir.resolve("host/9/images");
    try (LoopbackSshd sshd = LoopbackSshd.start(Files.createDirectories(dir.resolve("sshd")))) {
      List<String> args = new ArrayList<>(List.of("publish", "--host", sshd.host()));
      args.addAll(List.of("--port", Integer.toString(sshd.port()), "--user", sshd.user()));
      args.addAll(List.of("--identity", sshd.clientKey().toString()));
      args.addAll(List.of("--known-hosts", sshd.knownHosts().toString()));
      args.addAll(List.of("--dest", dest.toString(), "--alias", "--format", "json"));
      args.add(image.toString());

      assertThat(run(args)).as(err.toString()).isZero();
      JsonNode document = new ObjectMapper().readTree(out.toString());
      JsonNode file = document.get("published").get(0);
      assertThat(file.get("remotePath").asText()).isEqualTo(dest.toRealPath() + "/" + IMAGE);
      assertThat(file.get("size").asLong()).isEqualTo(9);
      assertThat(file.get("sha256").asText())
          .isEqualTo(
              java.util.HexFormat.of()
                  .formatHex(
                      java.security.MessageDigest.getInstance("SHA-256")
                          .digest("an image\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      assertThat(Files.readString(dest.resolve("sha256sum.txt")))
          .isEqualTo(file.get("sha256").asText() + "  " + IMAGE + "\n");
      assertThat(err.toString()).contains(IMAGE + ": 100%");

      out.getBuffer().setLength(0);
      assertThat(run(args)).isEqualTo(Cloudimg.FAILED);
      JsonNode refused = new ObjectMapper().readTree(out.toString());
      assertThat(refused.get("ok").asBoolean()).isFalse();
      assertThat(refused.get("error").get("reason").asText()).isEqualTo("NAME_EXISTS");
      assertThat(err.toString()).contains("already exists");
    }
  }

  @Test
  void shouldRejectAMissingPasswordVariableAsAUsageError() throws Exception {
    Path image = Files.writeString(dir.resolve(IMAGE), "x");
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    int code =
        run(
            List.of(
                "publish",
                "--host",
                "127.0.0.1",
                "--user",
                "u",
                "--password-env",
                "CLOUDIMG_TEST_SURELY_UNSET_VARIABLE",
                "--known-hosts",
                knownHosts.toString(),
                "--dest",
                "/x",
                image.toString()));
    assertThat(code).isEqualTo(Cloudimg.USAGE);
    assertThat(err.toString()).contains("CLOUDIMG_TEST_SURELY_UNSET_VARIABLE", "is not set");
  }

  @Test
  void shouldRejectAnUnversionedNameWithAlias() throws Exception {
    Path image = Files.writeString(dir.resolve("disk.qcow2"), "x");
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    int code =
        run(
            List.of(
                "publish",
                "--host",
                "127.0.0.1",
                "--user",
                "u",
                "--identity",
                "/nonexistent",
                "--known-hosts",
                knownHosts.toString(),
                "--dest",
                "/x",
                "--alias",
                image.toString()));
    assertThat(code).isEqualTo(Cloudimg.USAGE);
    assertThat(err.toString()).contains("--alias needs versioned image names");
  }

  private int run(List<String> args) {
    CommandLine commandLine = Cloudimg.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args.toArray(String[]::new));
  }
}
