package io.jenkins.plugins.cloudimages.tfunctional;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import io.jenkins.plugins.cloudimages.testing.SampleSuite;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzArchiveTest {
  @TempDir Path dir;

  @Test
  void shouldPackAFolderThatTarUnpacksWithItsExecuteBits() throws Exception {
    RequiredTools.require("tar");
    Path suite = SampleSuite.copyTo(dir.resolve("suite"));
    String longName = "d".repeat(90) + "/" + "e".repeat(60) + "/" + "f".repeat(80);
    Files.createDirectories(suite.resolve(longName).getParent());
    Files.writeString(suite.resolve(longName), "deep");
    Files.createDirectories(suite.resolve(".git"));
    Files.writeString(suite.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Path archive = dir.resolve("suite.tar.gz");
    try (OutputStream out = Files.newOutputStream(archive)) {
      TarGzArchive.write(suite, out);
    }

    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    ProcessRunner.Result tar =
        new ProcessRunner().run("tar", "-xzf", archive.toString(), "-C", unpacked.toString());

    assertThat(tar.succeeded()).as(tar.describeFailure()).isTrue();
    assertThat(unpacked.resolve("tests/p_pass/10_arithmetic.sh")).isExecutable();
    assertThat(Files.isExecutable(unpacked.resolve("tests/p_pass/30_data.txt"))).isFalse();
    assertThat(unpacked.resolve("tests/p_pass/20_text.sh"))
        .hasSameTextualContentAs(suite.resolve("tests/p_pass/20_text.sh"));
    assertThat(unpacked.resolve(longName)).hasContent("deep");
    assertThat(unpacked.resolve(".git")).doesNotExist();
  }
}
