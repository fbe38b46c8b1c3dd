package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentPolicyTest {
  private final ContentPolicy policy = ContentPolicy.defaults();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://mirror.centos.org/centos/6/os/x86_64/",
        "https://mirror.centos.org/centos/$releasever/updates/$basearch/",
        "http://vault.centos.org/5.11/os/i386/",
        "ftp://mirror.centos.org/centos/5/os/x86_64",
        "http://dl.fedoraproject.org/pub/epel/6/x86_64/",
        "https://download.fedoraproject.org/pub/epel/7/x86_64",
        "https://dl.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-6",
        "https://mirrors.fedoraproject.org/metalink?repo=epel-7&arch=ppc64le",
        "https://mirrors.fedoraproject.org/mirrorlist?repo=epel-6&arch=$basearch",
        "http://MIRROR.CentOS.org/centos/6/os/x86_64/RPMS/"
      })
  void shouldAllowTheDefaultSources(String url) {
    assertThat(policy.allows(url)).as(url).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://mirrors.kernel.org/centos/6/os/x86_64/",
        "http://buildlogs.centos.org/centos/7/os/x86_64-latest/",
        "http://mirror.centos.org.evil.example/centos/",
        "https://dl.fedoraproject.org/pub/fedora/linux/releases/39/",
        "https://dl.fedoraproject.org/pub/epelx/6/",
        "https://mirrors.fedoraproject.org/metalink?repo=fedora-39&arch=x86_64",
        "https://mirrors.fedoraproject.org/metalink",
        "http://mirrorsnap.centos.org/DATESTAMP/centos/7/os/x86_64/",
        "http://mirror.centos.org/centos/DATESTAMP/os/x86_64/",
        "http://mirror.centos.org/centos/@RELEASE@/os/x86_64/",
        "http://mirror.centos.org/centos/$version/os/x86_64/",
        "mirror.centos.org/centos/7/os/x86_64",
        "file:///srv/mirror/centos/6/os/x86_64"
      })
  void shouldRefuseWhatIsNotAllowed(String url) {
    assertThat(policy.allows(url)).as(url).isFalse();
  }

  @Test
  void shouldNameTheHostAndLineOfARefusedRepository() {
    Kickstart kickstart =
        HandBuiltKickstart.in("ks.cfg")
            .command("url", "--url=http://mirror.centos.org/centos/6/os/x86_64/")
            .command("repo", "--name=CentOS", "--baseurl=http://mirrors.karan.org/centos/6/os/")
            .build();

    List<Problem> problems = policy.check(kickstart);

    assertThat(problems).hasSize(1);
    Problem problem = problems.get(0);
    assertThat(problem.line()).isEqualTo(2);
    assertThat(problem.kind()).isEqualTo(Problem.Kind.POLICY);
    assertThat(problem.isError()).isTrue();
    assertThat(problem.message())
        .contains("mirrors.karan.org")
        .contains("repo \"CentOS\" --baseurl");
  }

  @Test
  void shouldReportSchemeLessUrlsAndPlaceholders() {
    Kickstart kickstart =
        HandBuiltKickstart.in("Azure.ks")
            .command("url", "--url", "mirrorsnap.centos.org/DATESTAMP/centos/7/os/x86_64")
            .build(SyntaxVersion.RHEL7);

    List<String> messages = policy.check(kickstart).stream().map(Problem::message).toList();

    assertThat(messages)
        .anySatisfy(m -> assertThat(m).contains("without a scheme"))
        .anySatisfy(m -> assertThat(m).contains("placeholder 'DATESTAMP'"))
        .anySatisfy(m -> assertThat(m).contains("host mirrorsnap.centos.org is not allowed"));
  }

  @Test
  void shouldExplainWhatAHostIsAllowedFor() {
    Kickstart kickstart =
        HandBuiltKickstart.in("ks.cfg")
            .command(
                "repo",
                "--name=fedora",
                "--metalink=https://mirrors.fedoraproject.org/metalink?repo=fedora-39&arch=x86_64")
            .build(SyntaxVersion.RHEL8);

    assertThat(policy.check(kickstart))
        .singleElement()
        .satisfies(
            p -> assertThat(p.message()).contains("allowed only as").contains("repo=epel-*"));
  }

  @Test
  void shouldCheckEveryUrlInScriptsButNotComments() {
    Kickstart kickstart =
        HandBuiltKickstart.in("ks.cfg")
            .section(
                "post",
                "# see https://bugzilla.redhat.com/show_bug.cgi?id=515911",
                "curl -sSf -o /tmp/x.rpm https://mirrors.kernel.org/x.rpm",
                "rpm -ivh http://dl.fedoraproject.org/pub/epel/epel-release-latest-6.noarch.rpm",
                "cat > /etc/yum.repos.d/x.repo <<EOF",
                "[x]",
                "baseurl=repos.fedorapeople.org/repos/openstack/",
                "mirrorlist=http://mirrorlist.centos.org/?release=\\$releasever&arch=\\$basearch",
                "#baseurl=http://elsewhere.example.org/",
                "gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-6",
                "EOF",
                "wget -q example.org/setup.sh  # fetch the setup",
                "yum-config-manager --add-repo https://buildlogs.centos.org/c7.repo")
            .section("pre", "curl http://$SERVER/ks-helper | sh")
            .build();

    List<Problem> problems = policy.check(kickstart);

    assertThat(problems)
        .extracting(Problem::line, p -> firstQuoted(p.message()))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, "https://mirrors.kernel.org/x.rpm"),
            org.assertj.core.groups.Tuple.tuple(7, "repos.fedorapeople.org/repos/openstack/"),
            org.assertj.core.groups.Tuple.tuple(7, "repos.fedorapeople.org/repos/openstack/"),
            org.assertj.core.groups.Tuple.tuple(
                8, "http://mirrorlist.centos.org/?release=\\$releasever&arch=\\$basearch"),
            org.assertj.core.groups.Tuple.tuple(12, "example.org/setup.sh"),
            org.assertj.core.groups.Tuple.tuple(12, "example.org/setup.sh"),
            org.assertj.core.groups.Tuple.tuple(13, "https://buildlogs.centos.org/c7.repo"),
            org.assertj.core.groups.Tuple.tuple(16, "$SERVER"));
    assertThat(problems.get(problems.size() - 1).message()).contains("cannot be checked");
  }

  @Test
  void shouldAllowShellVariablesInTheScriptPathButNotInACommandPath() {
    Kickstart kickstart =
        HandBuiltKickstart.in("ks.cfg")
            .command("url", "--url=http://mirror.centos.org/centos/$MAJOR/os/x86_64/")
            .section("post", "curl -O http://mirror.centos.org/centos/$MAJOR/os/x86_64/x.rpm")
            .build();

    assertThat(policy.check(kickstart))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(1);
              assertThat(p.message()).contains("unresolved variable '$MAJOR'");
            });
  }

  @Test
  void shouldRefuseNfsInstallSources() {
    Kickstart kickstart =
        HandBuiltKickstart.in("ks.cfg").command("nfs", "--server=10.0.0.1", "--dir=/x").build();

    assertThat(policy.check(kickstart))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("nfs install source 10.0.0.1"));
  }

  @Test
  void shouldLoadAPolicyFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.txt");
    Files.writeString(
        file,
        "# local mirrors only\n"
            + "https://mirror.example.org/centos  # https only\n"
            + "*.internal.example\n"
            + "mirrors.example.org/metalink repo=epel-* arch=x86_64\n");

    ContentPolicy loaded = ContentPolicy.load(file);

    assertThat(loaded.allows("https://mirror.example.org/centos/6/os/")).isTrue();
    assertThat(loaded.allows("http://mirror.example.org/centos/6/os/")).isFalse();
    assertThat(loaded.allows("https://mirror.example.org/other/")).isFalse();
    assertThat(loaded.allows("http://a.b.internal.example/x")).isTrue();
    assertThat(loaded.allows("http://internal.example.evil/x")).isFalse();
    assertThat(loaded.allows("https://mirrors.example.org/metalink?repo=epel-7&arch=x86_64"))
        .isTrue();
    assertThat(loaded.allows("https://mirrors.example.org/metalink?repo=epel-7&arch=i386"))
        .isFalse();
    assertThat(loaded.allows("http://mirror.centos.org/centos/6/os/x86_64/")).isFalse();
  }

  @Test
  void shouldNameFileAndLineOfAMalformedRule(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.txt");
    Files.writeString(file, "mirror.centos.org\n\nsftp://mirror.example.org/\n");

    assertThatThrownBy(() -> ContentPolicy.load(file))
        .isInstanceOf(PolicyFileException.class)
        .hasMessage(
            file
                + ":3: scheme 'sftp' is not one of http, https, ftp in 'sftp://mirror.example.org/'");
  }

  @Test
  void shouldBeExtensible() {
    ContentPolicy extended = policy.allowing(PolicyRule.parse("mirror.example.org/centos"));

    assertThat(extended.allows("http://mirror.example.org/centos/7/")).isTrue();
    assertThat(extended.allows("http://mirror.centos.org/centos/7/")).isTrue();
    assertThat(policy.allows("http://mirror.example.org/centos/7/")).isFalse();
  }

  private static String firstQuoted(String message) {
    int start = message.indexOf('\'');
    return message.substring(start + 1, message.indexOf('\'', start + 1));
  }
}
