package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default policy names the non-allowed sources the SIG's real kickstarts use, on their lines,
 * and passes those that use only CentOS and EPEL.
 */
class ContentPolicyCorpusTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "openstack-65-x86_64.ks | 2 12 13 | host mirrors.karan.org, host nazar.karan.org",
        "openstack-64-growroot.cfg | 12 13 | host mirrors.karan.org, host repos.fedorapeople.org",
        "centos-6.ks | 13 | host mirrors.kernel.org",
        "openvz-7.ks | 2 91 | host buildlogs.centos.org",
        "CentOS-6-x86_64-hvm.ks | 18 19 20 | placeholder 'DATESTAMP', host mirrorsnap.centos.org",
        "CentOS-7-x86_64-Azure.ks | 24 25 26 27 | without a scheme, placeholder 'DATESTAMP'",
        "CentOS-7-x86_64-GenericCloud-201606-r1.ks | 3 | without a scheme",
        "CentOS-7-ppc64le-GenericCloud-1611.ks | | ",
        "cloudstack-6-x86_64.ks | | ",
        "centos-7-i386.ks | | ",
        "docker-6.ks | 84 | host mirrorlist.centos.org"
      })
  void shouldNameTheNonAllowedSourcesOfTheCorpus(String name, String lines, String expected)
      throws Exception {
    Path file = Corpus.file(name);
    SyntaxVersion syntax = SyntaxSelection.fromFileName(name).orElseThrow();
    Kickstart kickstart =
        new KickstartParser(syntax, KickstartCorpusTest.CORPUS).parse(file).kickstart();

    List<Problem> problems = ContentPolicy.defaults().check(kickstart);

    List<Integer> expectedLines =
        lines == null
            ? List.of()
            : List.of(lines.trim().split(" ")).stream().map(Integer::valueOf).toList();
    assertThat(problems.stream().map(Problem::line).distinct().toList())
        .as(problems.toString())
        .isEqualTo(expectedLines);
    if (expected != null) {
      for (String fragment : expected.split(", ")) {
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains(fragment));
      }
    }
    assertThat(problems).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.POLICY));
  }
}
