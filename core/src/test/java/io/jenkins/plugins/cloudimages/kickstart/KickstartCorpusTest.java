package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real kickstarts of the CentOS Cloud Instance SIG, each under its own syntax version, get the
 * verdict and the error lines pykickstart 3.74's {@code ksvalidator -v VERSION} gives (strict:
 * warnings count as errors). ksvalidator stops at the first warning, so where it stopped early only
 * its first line is compared; otherwise every error line is.
 */
class KickstartCorpusTest {
  static final Path CORPUS = Path.of("/work/shared/corpus/kickstarts");

  /**
   * file, version, pykickstart's error lines (empty: valid), whether it stopped at the first one.
   */
  static Stream<Arguments> corpus() {
    return Stream.of(
        row("centos-5.ks", SyntaxVersion.RHEL5, List.of(10, 11, 12, 17), false),
        row("centos-5.11.ks", SyntaxVersion.RHEL5, List.of(10, 11, 16), false),
        row("CentOS-6-x86_64-hvm.ks", SyntaxVersion.RHEL6, List.of(), false),
        row("centos-6.ks", SyntaxVersion.RHEL6, List.of(35), false),
        row("centos-6i386.ks", SyntaxVersion.RHEL6, List.of(35), false),
        row("centos6.ks", SyntaxVersion.RHEL6, List.of(), false),
        row("cloudstack-6-x86_64.ks", SyntaxVersion.RHEL6, List.of(26), false),
        row("docker-6.ks", SyntaxVersion.RHEL6, List.of(), false),
        row("openstack-64-growroot.cfg", SyntaxVersion.RHEL6, List.of(14), false),
        row("openstack-65-x86_64.ks", SyntaxVersion.RHEL6, List.of(14), false),
        // ksvalidator names no line for the second network line without --device; ours does
        row("CentOS-7-ppc64le-GenericCloud-1611.ks", SyntaxVersion.RHEL7, List.of(19), true),
        row("CentOS-7-x86_64-Azure.ks", SyntaxVersion.RHEL7, List.of(20), true),
        row("CentOS-7-x86_64-GenericCloud-201606-r1.ks", SyntaxVersion.RHEL7, List.of(15), true),
        row("CentOS-7-x86_64-hvm.ks", SyntaxVersion.RHEL7, List.of(22), true),
        row("CentOS-7-x86_64-oVirt-r1.ks", SyntaxVersion.RHEL7, List.of(19), true),
        row("centos-7-i386.ks", SyntaxVersion.RHEL7, List.of(), false),
        row("centos-7-x86_64.ks", SyntaxVersion.RHEL7, List.of(), false),
        row("centos7.ks", SyntaxVersion.RHEL7, List.of(), false),
        row("cloudstack-7-x86_64.ks", SyntaxVersion.RHEL7, List.of(35), true),
        row("openvz-7.ks", SyntaxVersion.RHEL7, List.of(15), true));
  }

  private static Arguments row(
      String file, SyntaxVersion version, List<Integer> lines, boolean stopped) {
    return Arguments.of(file, version, lines, stopped);
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("corpus")
  void shouldGiveTheVerdictAndLinesOfKsvalidator(
      String name, SyntaxVersion version, List<Integer> expectedLines, boolean stoppedAtFirst)
      throws Exception {
    Path file = CORPUS.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(file), "corpus not on this machine");

    ParseResult result = new KickstartParser(version, CORPUS).parse(file);

    List<Integer> strictLines = result.problems().stream().map(Problem::line).distinct().toList();
    assertThat(strictLines.isEmpty())
        .as("valid " + result.problems())
        .isEqualTo(expectedLines.isEmpty());
    if (stoppedAtFirst) {
      assertThat(strictLines)
          .as(result.problems().toString())
          .first()
          .isEqualTo(expectedLines.get(0));
    } else {
      assertThat(strictLines).as(result.problems().toString()).isEqualTo(expectedLines);
    }
  }

  /** file, another version, the first line ksvalidator -e reports under it (0: valid). */
  static Stream<Arguments> otherVersions() {
    return Stream.of(
        Arguments.of("CentOS-6-x86_64-hvm.ks", SyntaxVersion.RHEL5, 8),
        Arguments.of("CentOS-7-ppc64le-GenericCloud-1611.ks", SyntaxVersion.RHEL5, 6),
        Arguments.of("CentOS-7-x86_64-Azure.ks", SyntaxVersion.RHEL5, 13),
        Arguments.of("CentOS-7-x86_64-GenericCloud-201606-r1.ks", SyntaxVersion.RHEL5, 4),
        Arguments.of("CentOS-7-x86_64-hvm.ks", SyntaxVersion.RHEL5, 8),
        Arguments.of("CentOS-7-x86_64-oVirt-r1.ks", SyntaxVersion.RHEL5, 4),
        Arguments.of("centos-6.ks", SyntaxVersion.RHEL5, 17),
        Arguments.of("centos-6i386.ks", SyntaxVersion.RHEL5, 17),
        Arguments.of("centos-7-i386.ks", SyntaxVersion.RHEL5, 16),
        Arguments.of("centos-7-x86_64.ks", SyntaxVersion.RHEL5, 16),
        Arguments.of("centos6.ks", SyntaxVersion.RHEL5, 16),
        Arguments.of("centos7.ks", SyntaxVersion.RHEL5, 8),
        Arguments.of("cloudstack-6-x86_64.ks", SyntaxVersion.RHEL5, 26),
        Arguments.of("cloudstack-7-x86_64.ks", SyntaxVersion.RHEL5, 35),
        Arguments.of("docker-6.ks", SyntaxVersion.RHEL5, 10),
        Arguments.of("openstack-65-x86_64.ks", SyntaxVersion.RHEL5, 7),
        Arguments.of("openvz-7.ks", SyntaxVersion.RHEL5, 15),
        Arguments.of("openstack-64-growroot.cfg", SyntaxVersion.RHEL5, 6),
        Arguments.of("CentOS-7-ppc64le-GenericCloud-1611.ks", SyntaxVersion.RHEL6, 9),
        Arguments.of("CentOS-7-x86_64-Azure.ks", SyntaxVersion.RHEL6, 13),
        Arguments.of("CentOS-7-x86_64-GenericCloud-201606-r1.ks", SyntaxVersion.RHEL6, 7),
        Arguments.of("CentOS-7-x86_64-hvm.ks", SyntaxVersion.RHEL6, 14),
        Arguments.of("CentOS-7-x86_64-oVirt-r1.ks", SyntaxVersion.RHEL6, 7),
        Arguments.of("centos-5.11.ks", SyntaxVersion.RHEL6, 0),
        Arguments.of("centos-5.ks", SyntaxVersion.RHEL6, 0),
        Arguments.of("centos-7-i386.ks", SyntaxVersion.RHEL6, 17),
        Arguments.of("centos-7-x86_64.ks", SyntaxVersion.RHEL6, 17),
        Arguments.of("centos7.ks", SyntaxVersion.RHEL6, 0),
        Arguments.of("cloudstack-7-x86_64.ks", SyntaxVersion.RHEL6, 0),
        Arguments.of("openvz-7.ks", SyntaxVersion.RHEL6, 0),
        Arguments.of("CentOS-6-x86_64-hvm.ks", SyntaxVersion.RHEL7, 26),
        Arguments.of("centos-5.11.ks", SyntaxVersion.RHEL7, 16),
        Arguments.of("centos-5.ks", SyntaxVersion.RHEL7, 17),
        Arguments.of("centos-6.ks", SyntaxVersion.RHEL7, 35),
        Arguments.of("centos-6i386.ks", SyntaxVersion.RHEL7, 35),
        Arguments.of("centos6.ks", SyntaxVersion.RHEL7, 0),
        Arguments.of("cloudstack-6-x86_64.ks", SyntaxVersion.RHEL7, 26),
        Arguments.of("docker-6.ks", SyntaxVersion.RHEL7, 20),
        Arguments.of("openstack-65-x86_64.ks", SyntaxVersion.RHEL7, 14),
        Arguments.of("openstack-64-growroot.cfg", SyntaxVersion.RHEL7, 14));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("otherVersions")
  void shouldGiveTheFirstErrorLineOfKsvalidatorUnderOtherVersions(
      String name, SyntaxVersion version, int firstLine) throws Exception {
    Path file = CORPUS.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(file), "corpus not on this machine");

    ParseResult result = new KickstartParser(version, CORPUS).parse(file);

    if (firstLine == 0) {
      assertThat(result.problems()).isEmpty();
    } else {
      assertThat(result.problems())
          .as(result.problems().toString())
          .first()
          .extracting(Problem::line)
          .isEqualTo(firstLine);
    }
  }
}
