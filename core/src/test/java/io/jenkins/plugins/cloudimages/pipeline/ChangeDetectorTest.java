package io.jenkins.plugins.cloudimages.pipeline;

import static io.jenkins.plugins.cloudimages.testing.GitRepos.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.release.CliGitRepository;
import io.jenkins.plugins.cloudimages.release.GitCredentials;
import io.jenkins.plugins.cloudimages.testing.GitRepos;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeDetectorTest {
  static final String ZERO = "0000000000000000000000000000000000000000";

  @TempDir Path dir;
  Path server;
  String base;

  @BeforeEach
  void createRepository() {
    server = GitRepos.bare(dir.resolve("kickstarts.git"));
    Map<String, String> files = new HashMap<>();
    files.put("cloud/CentOS-7-x86_64-GenericCloud.ks", "lang en_US\n%include common/base.cfg\n");
    files.put("cloud/CentOS-7-x86_64-GenericCloud.json", "{\"arch\": [\"x86_64\", \"i386\"]}\n");
    files.put("cloud/CentOS-6-x86_64-Docker.ks", "lang en_US\n%include /tmp/part-include\n");
    files.put("cloud/CentOS-6-x86_64-Docker.json", "{\n  \"arch\": \"x86_64\"\n}\n");
    files.put("cloud/common/base.cfg", "rootpw --lock\n%ksappend packages.cfg\n");
    files.put("cloud/common/packages.cfg", "%packages\n@core\n%end\n");
    files.put("vagrant/centos7.ks", "lang en_US\n");
    files.put("README", "kickstarts\n");
    base = commit(server, "Initial kickstarts", files);
  }

  List<ImageToBuild> detect(String from, String to) throws Exception {
    try (CliGitRepository repository = CliGitRepository.open(server, GitCredentials.none())) {
      return new ChangeDetector(repository).detect(from, to);
    }
  }

  @Test
  void shouldRebuildAChangedKickstartForEveryArchItsMetadataLists() throws Exception {
    String head =
        commit(server, "Bump", Map.of("cloud/CentOS-7-x86_64-GenericCloud.ks", "lang de_DE\n"));

    List<ImageToBuild> images = detect(base, head);

    assertThat(images)
        .extracting(ImageToBuild::image, ImageToBuild::arch, ImageToBuild::kickstart)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "CentOS-7-x86_64-GenericCloud", "x86_64", "cloud/CentOS-7-x86_64-GenericCloud.ks"),
            org.assertj.core.groups.Tuple.tuple(
                "CentOS-7-i386-GenericCloud", "i386", "cloud/CentOS-7-x86_64-GenericCloud.ks"));
    assertThat(images.get(0).reason())
        .isEqualTo("kickstart changed (" + head.substring(0, 8) + " Bump)");
  }

  @Test
  void shouldRebuildWhenTheMetadataChanged() throws Exception {
    String head =
        commit(
            server,
            "Docker on aarch64 too",
            Map.of("cloud/CentOS-6-x86_64-Docker.json", "{\"arch\": [\"x86_64\", \"aarch64\"]}"));

    assertThat(detect(base, head))
        .extracting(ImageToBuild::image)
        .containsExactly("CentOS-6-x86_64-Docker", "CentOS-6-aarch64-Docker");
    assertThat(detect(base, head).get(0).reason())
        .startsWith("metadata cloud/CentOS-6-x86_64-Docker.json changed");
  }

  @Test
  void shouldRebuildKickstartsThatIncludeAChangedFileEvenThroughAnotherInclude() throws Exception {
    String head =
        commit(
            server,
            "More packages",
            Map.of("cloud/common/packages.cfg", "%packages\n@base\n%end\n"));

    List<ImageToBuild> images = detect(base, head);

    assertThat(images)
        .extracting(ImageToBuild::image)
        .containsExactly("CentOS-7-x86_64-GenericCloud", "CentOS-7-i386-GenericCloud");
    assertThat(images.get(0).reason()).startsWith("included cloud/common/packages.cfg changed");
  }

  @Test
  void shouldIgnoreReleaseCommitsAndUnrelatedFiles() throws Exception {
    String release =
        commit(
            server,
            "RELEASEABLE CentOS-6-x86_64-Docker-261125_01.tar.xz 0123456789ab",
            Map.of(
                "cloud/CentOS-6-x86_64-Docker.json", "{\"arch\": \"x86_64\", \"releases\": []}"));
    String readme = commit(server, "Docs", Map.of("README", "more\n"));

    assertThat(detect(base, release)).isEmpty();
    assertThat(detect(base, readme)).isEmpty();
    assertThat(detect(release, release)).isEmpty();
  }

  @Test
  void shouldCountOnlyTheOtherCommitsOfAMixedPush() throws Exception {
    commit(
        server,
        "RELEASEABLE img 0123456789ab",
        Map.of("cloud/CentOS-6-x86_64-Docker.json", "{\"arch\": \"x86_64\", \"releases\": []}"));
    String head = commit(server, "Tweak vagrant", Map.of("vagrant/centos7.ks", "lang fr_FR\n"));

    assertThat(detect(base, head))
        .extracting(ImageToBuild::image, ImageToBuild::arch)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("centos7", "x86_64"));
  }

  @Test
  void shouldNotRebuildADeletedKickstart() throws Exception {
    Map<String, String> removal = new HashMap<>();
    removal.put("cloud/CentOS-6-x86_64-Docker.ks", null);
    removal.put("cloud/CentOS-6-x86_64-Docker.json", null);
    String head = commit(server, "Drop CentOS 6", removal);

    assertThat(detect(base, head)).isEmpty();
  }

  @Test
  void shouldTreatAZeroOldRevisionAsANewBranchWithOnlyItsOwnCommits() throws Exception {
    assertThat(detect(ZERO, base))
        .extracting(ImageToBuild::image)
        .containsExactly(
            "CentOS-6-x86_64-Docker",
            "CentOS-7-x86_64-GenericCloud",
            "CentOS-7-i386-GenericCloud",
            "centos7");

    String head = commit(server, "Vagrant", Map.of("vagrant/centos7.ks", "lang fr_FR\n"));
    GitRepos.git(server, "update-ref", "refs/heads/main", base);
    GitRepos.git(server, "update-ref", "refs/heads/topic", head);

    assertThat(detect(ZERO, head)).extracting(ImageToBuild::image).containsExactly("centos7");
  }
}
