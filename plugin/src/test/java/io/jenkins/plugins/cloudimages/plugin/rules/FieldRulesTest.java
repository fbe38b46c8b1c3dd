package io.jenkins.plugins.cloudimages.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.plugin.rules.Check.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldRulesTest {
  @ParameterizedTest
  @CsvSource({
    "CentOS-7-x86_64-GenericCloud.ks, OK",
    "kickstarts/CentOS-6-i386-Docker.ks, OK",
    "${KS}, OK",
    "my-image.ks, WARNING",
    "'', ERROR",
    "/etc/CentOS-7-x86_64-GenericCloud.ks, ERROR",
    "../CentOS-7-x86_64-GenericCloud.ks, ERROR",
    "a/../../CentOS-7-x86_64-GenericCloud.ks, ERROR",
    "CentOS-7-x86_64-GenericCloud.cfg, ERROR"
  })
  void shouldCheckKickstartPaths(String value, Kind expected) {
    assertThat(FieldRules.kickstart(value).kind()).as(value).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "'', CentOS-7-x86_64-GenericCloud.ks, OK",
    "x86_64, CentOS-7-x86_64-GenericCloud.ks, OK",
    "aarch64, CentOS-7-x86_64-GenericCloud.ks, ERROR",
    "'', my.ks, ERROR",
    "ppc64le, my.ks, OK",
    "sparc, my.ks, ERROR"
  })
  void shouldRequireAnArchThatFitsTheKickstart(String arch, String kickstart, Kind expected) {
    assertThat(FieldRules.arch(arch, kickstart).kind()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "mirror.centos.org, OK",
    "10.0.0.1, OK",
    "http://mirror.centos.org, ERROR",
    "mirror.centos.org:80, ERROR",
    "mirror centos, ERROR",
    "-bad.example, ERROR"
  })
  void shouldAcceptOnlyBareHostNames(String value, Kind expected) {
    assertThat(FieldRules.host(value, true).kind()).as(value).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "https://github.com/CentOS/sig-core-t_functional.git, OK",
    "file:///srv/suite, OK",
    "ftp://example.org/x, ERROR",
    "https://user:secret@example.org/x.git, ERROR",
    "https:///nohost, ERROR",
    "'http://exa mple', ERROR"
  })
  void shouldCheckSuiteUrls(String value, Kind expected) {
    assertThat(FieldRules.url(value, true, "https", "http", "git", "file").kind())
        .as(value)
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "git@git.example.org:kickstarts.git, OK",
    "ssh://git@git.example.org/kickstarts.git, OK",
    "'', ERROR",
    "kickstarts, ERROR"
  })
  void shouldCheckGitRemotes(String value, Kind expected) {
    assertThat(FieldRules.gitRemote(value).kind()).as(value).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "0_common, OK",
    "'0_common, p_bash', OK",
    "../etc, ERROR",
    "'p_bash; rm -rf /', ERROR"
  })
  void shouldAcceptOnlySuiteFolders(String value, Kind expected) {
    assertThat(FieldRules.testSelection(value).kind()).as(value).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"/srv/images, OK", "srv/images, ERROR", "/srv/../etc, ERROR", "'', ERROR"})
  void shouldRequireAnAbsoluteRemoteFolder(String value, Kind expected) {
    assertThat(FieldRules.remoteFolder(value).kind()).as(value).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, ERROR", "1, OK", "1440, OK", "1441, ERROR"})
  void shouldBoundTheTimeBudget(int minutes, Kind expected) {
    assertThat(FieldRules.timeoutMinutes(minutes).kind()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, ERROR", "22, OK", "65535, OK", "65536, ERROR"})
  void shouldBoundPorts(int port, Kind expected) {
    assertThat(FieldRules.port(port).kind()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void shouldNameTheConfiguredCloudsWhenTheChoiceIsUnknown() {
    Check check = FieldRules.configured("aws", java.util.List.of("local", "openstack"), "cloud");

    assertThat(check.kind()).isEqualTo(Kind.ERROR);
    assertThat(check.message()).contains("aws").contains("[local, openstack]");
    assertThat(FieldRules.configured("local", java.util.List.of("local"), "cloud").kind())
        .isEqualTo(Kind.OK);
    assertThat(FieldRules.configured("x", java.util.List.of(), "cloud").message())
        .contains("No cloud is configured");
  }

  @org.junit.jupiter.api.Test
  void shouldCheckEveryLineOfAHostList() {
    assertThat(FieldRules.hostList("mirror.centos.org\n# comment\n\nvault.centos.org").kind())
        .isEqualTo(Kind.OK);
    assertThat(FieldRules.hostList("mirror.centos.org\nhttp://evil.example/").message())
        .contains("http://evil.example/");
  }

  @ParameterizedTest
  @CsvSource({
    "region, OK",
    "identityApiVersion, OK",
    "kernel.args, OK",
    "'', ERROR",
    "1region, ERROR",
    "two words, ERROR"
  })
  void shouldCheckDriverOptionKeys(String key, Kind expected) {
    assertThat(FieldRules.optionKey(key).kind()).as(key).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "openstack, lab-os, OK",
    "openstack, '', WARNING",
    "ec2, '', WARNING",
    "local, '', OK",
    "docker, '', OK",
    "local, lab-os, WARNING"
  })
  void shouldAskForAnAccountOnlyWhereTheCloudNeedsOne(
      String type, String credentialsId, Kind expected) {
    assertThat(FieldRules.cloudCredentials(type, credentialsId).kind())
        .as(type + " " + credentialsId)
        .isEqualTo(expected);
  }
}
