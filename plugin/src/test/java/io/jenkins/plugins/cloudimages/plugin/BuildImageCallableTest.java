package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.TaskListener;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent side of kickstartImage, run in-process against the real engine validator. */
class BuildImageCallableTest {
  @TempDir Path workspace;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final TaskListener listener = () -> new PrintStream(log, true, StandardCharsets.UTF_8);

  @Test
  void shouldReturnTheValidatorsFileAndLineMessagesForAnInvalidKickstart() throws Exception {
    Files.writeString(
        workspace.resolve("CentOS-7-x86_64-GenericCloud.ks"),
        """
        url --url=http://evil.example.org/centos/7/os/x86_64/
        lang en_US.UTF-8
        rootpw --iscrypted $6$abc
        no-such-command --really
        %packages
        @core
        %end
        """);

    BuildImageCallable.Outcome outcome = run(List.of());

    assertThat(outcome.problems())
        .isNotEmpty()
        .allMatch(p -> p.startsWith("CentOS-7-x86_64-GenericCloud.ks:"))
        .anyMatch(p -> p.contains("no-such-command"))
        .anyMatch(p -> p.contains("evil.example.org"));
    assertThat(outcome.imageFile()).isNull();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("validating");
  }

  @Test
  void shouldRefuseAKickstartOutsideTheWorkspace() {
    ImageRequest request =
        new ImageRequest(
            "../CentOS-7-x86_64-GenericCloud.ks",
            "x",
            "7",
            "x86_64",
            "installroot",
            Map.of(),
            List.of());

    assertThatThrownBy(
            () -> new BuildImageCallable(request, null, listener).invoke(workspace.toFile(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the workspace");
  }

  @Test
  void shouldNeedTheMetadataBesideAValidKickstartAsTheEngineDoes() throws Exception {
    Files.writeString(
        workspace.resolve("CentOS-7-x86_64-GenericCloud.ks"),
        "url --url=http://mirror.centos.org/centos/7/os/x86_64/\nrootpw --iscrypted --lock !!\n"
            + "%packages\nopenssh-server\n%end\n");

    assertThatThrownBy(() -> run(List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("kickstartImage: metadata beside")
        .hasMessageContaining("CentOS-7-x86_64-GenericCloud");
  }

  @Test
  void shouldSayWhenTheKickstartIsMissing() {
    assertThatThrownBy(() -> run(List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no kickstart at CentOS-7-x86_64-GenericCloud.ks");
  }

  private BuildImageCallable.Outcome run(List<String> allowedHosts) throws Exception {
    ImageRequest request =
        ImageRequest.plan("CentOS-7-x86_64-GenericCloud.ks", "", "", "", Map.of(), allowedHosts);
    return new BuildImageCallable(request, null, listener).invoke(workspace.toFile(), null);
  }
}
