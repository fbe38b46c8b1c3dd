package io.jenkins.plugins.cloudimages.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.kickstart.ContentPolicy;
import io.jenkins.plugins.cloudimages.kickstart.MirrorMap;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.release.GitCredentials;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import io.jenkins.plugins.cloudimages.tfunctional.SuiteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineStagesTest {
  @TempDir Path repo;

  private EngineStages stages() {
    PipelineSettings settings =
        new PipelineSettings(
            repo,
            "main",
            new GitCredentials.None(),
            null,
            ContentPolicy.defaults(),
            MirrorMap.none(),
            repo.resolve("out"),
            repo.resolve("work"),
            SshTarget.withKey("127.0.0.1", 22, "images", repo.resolve("key"), repo.resolve("kh")),
            "/srv",
            "http://127.0.0.1",
            Map.of(),
            new SuiteSource.Directory(repo.resolve("suite")),
            Duration.ofMinutes(1),
            "test",
            "1");
    return new EngineStages(settings, Clock.systemUTC());
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(repo.resolve(name), text);
  }

  private static final String METADATA =
      """
      {"name": "CentOS-6-x86_64-GenericCloud", "release": "6", "arch": ["x86_64"],
       "variant": "GenericCloud", "formats": ["qcow2"], "builder": "installroot",
       "clouds": ["qemu", "podman"], "releases": []}
      """;

  @Test
  void shouldPassAValidKickstartWithTheCloudsItsMetadataNames() throws Exception {
    write(
        "CentOS-6-x86_64-GenericCloud.ks",
        "url --url=http://mirror.centos.org/centos/6/os/x86_64/\nrootpw --iscrypted --lock !!\n"
            + "%packages\nopenssh-server\n%end\n");
    write("CentOS-6-x86_64-GenericCloud.json", METADATA);
    List<String> log = new ArrayList<>();

    Stages.Validated validated =
        stages()
            .validate(
                new ImageToBuild(
                    "CentOS-6-x86_64-GenericCloud",
                    "CentOS-6-x86_64-GenericCloud.ks",
                    "x86_64",
                    "new"),
                log::add);

    assertThat(validated.clouds()).containsExactly("qemu", "podman");
    assertThat(validated.syntax()).isEqualTo(SyntaxVersion.RHEL6);
    assertThat(validated.metadata().file())
        .isEqualTo(repo.resolve("CentOS-6-x86_64-GenericCloud.json"));
    assertThat(log).anyMatch(line -> line.contains("RHEL6"));
  }

  @Test
  void shouldFailValidationWithFileAndLineOfTheFirstError() throws Exception {
    write(
        "CentOS-6-x86_64-GenericCloud.ks",
        "url --url=http://mirror.centos.org/centos/6/os/x86_64/\nbogus-command\n");
    write("CentOS-6-x86_64-GenericCloud.json", METADATA);

    assertThatThrownBy(
            () ->
                stages()
                    .validate(
                        new ImageToBuild(
                            "CentOS-6-x86_64-GenericCloud",
                            "CentOS-6-x86_64-GenericCloud.ks",
                            "x86_64",
                            "new"),
                        line -> {}))
        .isInstanceOf(StageFailure.class)
        .hasMessageContaining("CentOS-6-x86_64-GenericCloud.ks:2");
  }

  @Test
  void shouldHandEveryProblemOnAndValidateUnderTheSyntaxAsked() throws Exception {
    write(
        "CentOS-6-x86_64-GenericCloud.ks",
        "url --url=http://mirror.centos.org/centos/6/os/x86_64/\nbogus-command\nother-bogus\n"
            + "%packages\nopenssh-server\n%end\n");
    write("CentOS-6-x86_64-GenericCloud.json", METADATA);
    ImageToBuild image =
        new ImageToBuild(
            "CentOS-6-x86_64-GenericCloud", "CentOS-6-x86_64-GenericCloud.ks", "x86_64", "new");
    List<String> log = new ArrayList<>();

    assertThatThrownBy(() -> stages().validate(image, SyntaxVersion.RHEL7, log::add))
        .isInstanceOfSatisfying(
            InvalidKickstart.class,
            invalid ->
                assertThat(invalid.problems())
                    .extracting(problem -> problem.format())
                    .anyMatch(line -> line.contains("GenericCloud.ks:2"))
                    .anyMatch(line -> line.contains("GenericCloud.ks:3")));
    assertThat(log).noneMatch(line -> line.contains("valid under"));
  }

  @Test
  void shouldRefuseACloudThatIsNotConfigured() {
    Stages.Validated validated =
        new Stages.Validated(null, repo.resolve("x.ks"), null, null, List.of("nimbus"));
    Stages.Built built = new Stages.Built(validated, "x-1", repo.resolve("x.qcow2"), "ab", false);

    assertThatThrownBy(
            () ->
                stages()
                    .deployAndTest(new Stages.Published(built, "http://h/x"), "nimbus", line -> {}))
        .isInstanceOf(StageFailure.class)
        .hasMessageContaining("no cloud named nimbus");
  }
}
