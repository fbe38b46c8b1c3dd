package io.jenkins.plugins.cloudimages.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sha256sum.txt signed with a throw-away gpg key in a private GNUPGHOME, then verified. */
class ChecksumSignatureTest {
  @TempDir Path temp;

  @Test
  void shouldWriteADetachedSignatureThatGpgVerifies() throws Exception {
    RequiredTools.require("gpg");
    Path home =
        Files.createDirectory(
            temp.resolve("gnupg"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Map<String, String> env = Map.of("GNUPGHOME", home.toString());
    ProcessRunner.Result key =
        new ProcessRunner()
            .env(env)
            .timeout(Duration.ofMinutes(1))
            .run(
                "gpg",
                "--batch",
                "--passphrase",
                "",
                "--quick-gen-key",
                "Image Signing <images@cloudimg.invalid>",
                "ed25519",
                "sign",
                "never");
    assertThat(key.succeeded()).as(key.output()).isTrue();
    Path out = Files.createDirectory(temp.resolve("out"));
    Path image = Files.writeString(out.resolve("CentOS-9-x86_64-Test-261125_01.qcow2"), "image");
    Checksums checksums = new Checksums(out);
    checksums.add(List.of(image));

    Optional<Path> signature;
    try (BuildLog log = new BuildLog(BuildListener.silent(), temp.resolve("build.log"))) {
      signature =
          checksums.sign(
              Optional.of("images@cloudimg.invalid"),
              new ToolRunner(log, env, Duration.ofMinutes(1)));
    }

    assertThat(signature).contains(out.resolve("sha256sum.txt.asc"));
    assertThat(out.resolve("sha256sum.txt.asc"))
        .content()
        .startsWith("-----BEGIN PGP SIGNATURE-----");
    ProcessRunner.Result verify =
        new ProcessRunner()
            .env(env)
            .run(
                "gpg",
                "--verify",
                out.resolve("sha256sum.txt.asc").toString(),
                out.resolve("sha256sum.txt").toString());
    assertThat(verify.succeeded()).as(verify.output()).isTrue();
    assertThat(verify.output()).contains("Good signature");
  }
}
