package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorMapTest {

  @Test
  void shouldRewriteTheLongestMatchingPrefix() {
    MirrorMap map =
        MirrorMap.parse(
            List.of(
                "http://mirror.centos.org/=http://127.0.0.1:8080/centos-all/",
                "http://mirror.centos.org/centos/6=file:///srv/c6"));

    assertThat(map.rewrite("http://mirror.centos.org/centos/6/os/x86_64/"))
        .isEqualTo("file:///srv/c6/os/x86_64/");
    assertThat(map.rewrite("http://mirror.centos.org/centos/5/os/i386/"))
        .isEqualTo("http://127.0.0.1:8080/centos-all/centos/5/os/i386/");
    assertThat(map.rewrite("http://vault.centos.org/5.11/"))
        .isEqualTo("http://vault.centos.org/5.11/");
  }

  @Test
  void shouldOnlyMatchOnAPathBoundary() {
    MirrorMap map = MirrorMap.parse(List.of("http://mirror.centos.org/centos/6=file:///srv/c6"));

    assertThat(map.rewrite("http://mirror.centos.org/centos/60/os/"))
        .isEqualTo("http://mirror.centos.org/centos/60/os/");
    assertThat(map.rewrite("http://mirror.centos.org/centos/6")).isEqualTo("file:///srv/c6");
  }

  @Test
  void shouldGiveTheBuildRewrittenSourcesWithoutChangingTheKickstart() {
    Kickstart kickstart =
        HandBuiltKickstart.in("ks.cfg")
            .command("url", "--url=http://mirror.centos.org/centos/6/os/x86_64/")
            .command(
                "repo",
                "--name=epel",
                "--mirrorlist=https://mirrors.fedoraproject.org/mirrorlist?repo=epel-6&arch=$basearch")
            .build();
    MirrorMap map = MirrorMap.parse(List.of("http://mirror.centos.org/=http://127.0.0.1:9/"));

    List<MirrorMap.BuildSource> sources = map.buildSources(kickstart, ContentPolicy.defaults());

    assertThat(sources)
        .extracting(
            MirrorMap.BuildSource::command, MirrorMap.BuildSource::repo, MirrorMap.BuildSource::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "url", null, "http://127.0.0.1:9/centos/6/os/x86_64/"),
            org.assertj.core.groups.Tuple.tuple(
                "repo",
                "epel",
                "https://mirrors.fedoraproject.org/mirrorlist?repo=epel-6&arch=$basearch"));
    assertThat(kickstart.commands().get(0).option("--url"))
        .hasValue("http://mirror.centos.org/centos/6/os/x86_64/");
  }

  @Test
  void shouldRefuseToRewriteASourceThePolicyRefuses() {
    Kickstart kickstart =
        HandBuiltKickstart.in("ks.cfg")
            .command("url", "--url=http://mirrors.kernel.org/centos/6/")
            .build();
    MirrorMap map = MirrorMap.parse(List.of("http://mirrors.kernel.org/=http://127.0.0.1:9/"));

    assertThatThrownBy(() -> map.buildSources(kickstart, ContentPolicy.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ks.cfg:1")
        .hasMessageContaining("mirrors.kernel.org");
  }

  @Test
  void shouldExplainMalformedEntries() {
    assertThatThrownBy(() -> MirrorMap.parse(List.of("http://mirror.centos.org/")))
        .hasMessageContaining("is not FROM=TO");
    assertThatThrownBy(() -> MirrorMap.parse(List.of("mirror.centos.org=http://x/")))
        .hasMessageContaining("FROM must be an http, https or ftp URL prefix");
    assertThatThrownBy(() -> MirrorMap.parse(List.of("http://mirror.centos.org/=/srv/mirror")))
        .hasMessageContaining("TO must be a URL with a scheme");
  }
}
