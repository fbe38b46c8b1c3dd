package io.jenkins.plugins.cloudimages.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudsFileTest {
  @TempDir Path temp;

  @Test
  void shouldReadCloudsWithCredentialsFromAFileBesideIt() throws Exception {
    Path file = temp.resolve("clouds.json");
    Files.writeString(
        file,
        "{\"clouds\": {\"lab\": {\"type\": \"docker\", \"endpoint\": \"unix:///s.sock\",\n"
            + " \"credentialsFile\": \"lab.secret\", \"flavor\": \"m1\", \"options\": {\"a\": 1}}}}");
    Files.writeString(temp.resolve("lab.secret"), "s3cret\n");

    CloudSettings lab = CloudsFile.find(file, "lab");

    assertThat(lab.type()).isEqualTo("docker");
    assertThat(lab.credentials()).isEqualTo("s3cret");
    assertThat(lab.flavor()).isEqualTo("m1");
    assertThat(lab.option("a", null)).isEqualTo("1");
  }

  @Test
  void shouldKnowTheLocalCloudWithoutAnyFile() throws Exception {
    assertThat(CloudsFile.find(temp.resolve("missing.json"), "local").type()).isEqualTo("local");
  }

  @Test
  void shouldNameTheFileAndLineOfBrokenJson() throws Exception {
    Path file = temp.resolve("clouds.json");
    Files.writeString(file, "{\"clouds\": {\n  \"lab\": {\"type\": }\n}}");

    assertThatThrownBy(() -> CloudsFile.find(file, "lab"))
        .hasMessageStartingWith(file + ":2: error: not valid JSON");
  }

  @Test
  void shouldSayWhichCloudIsMissing() {
    assertThatThrownBy(() -> CloudsFile.find(temp.resolve("none.json"), "lab"))
        .hasMessageContaining("no cloud named lab")
        .hasMessageContaining("does not exist");
  }
}
