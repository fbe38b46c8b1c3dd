package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestration, with a stand-in parser; the real parser is exercised end to end in cli/. */
class KickstartValidatorTest {
  @TempDir Path dir;
  private final List<SyntaxVersion> parsedWith = new ArrayList<>();

  private KickstartValidator.Parser parserGiving(Kickstart kickstart, Problem... problems) {
    return (syntax, root, file) -> {
      parsedWith.add(syntax);
      return new ParseResult(kickstart, List.of(problems));
    };
  }

  @Test
  void shouldCombineSyntaxPolicyAndMetadataProblemsInReadingOrder() throws Exception {
    Path file = Files.writeString(dir.resolve("CentOS-6-x86_64-GenericCloud.ks"), "");
    Files.writeString(dir.resolve("CentOS-6-x86_64-GenericCloud.json"), "{\"release\": \"7\"}");
    Kickstart kickstart =
        new HandBuiltKickstart(file)
            .command("url", "--url=http://mirrors.kernel.org/centos/6/os/x86_64/")
            .command("bogus")
            .build();
    Problem syntaxError =
        Problem.error(new SourceLocation(file, 2), Problem.Kind.SYNTAX, "unknown command 'bogus'");

    KickstartValidator.Report report =
        new KickstartValidator(
                KickstartValidator.Options.defaults(), parserGiving(kickstart, syntaxError))
            .validate(file);

    assertThat(report.valid()).isFalse();
    assertThat(report.syntax().version()).isEqualTo(SyntaxVersion.RHEL6);
    assertThat(report.problems())
        .extracting(Problem::kind, Problem::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Problem.Kind.POLICY, 1),
            org.assertj.core.groups.Tuple.tuple(Problem.Kind.SYNTAX, 2),
            org.assertj.core.groups.Tuple.tuple(Problem.Kind.METADATA, 1));
  }

  @Test
  void shouldTurnWarningsIntoErrorsWhenStrict() throws Exception {
    Path file = Files.writeString(dir.resolve("centos-6.ks"), "");
    Kickstart kickstart = new HandBuiltKickstart(file).command("install").build();
    Problem deprecated =
        Problem.warning(new SourceLocation(file, 1), Problem.Kind.SYNTAX, "install is deprecated");
    KickstartValidator.Options lenient = KickstartValidator.Options.defaults();
    KickstartValidator.Options strict =
        new KickstartValidator.Options(null, true, ContentPolicy.defaults(), null);

    KickstartValidator.Report relaxed =
        new KickstartValidator(lenient, parserGiving(kickstart, deprecated)).validate(file);
    KickstartValidator.Report refused =
        new KickstartValidator(strict, parserGiving(kickstart, deprecated)).validate(file);

    assertThat(relaxed.valid()).isTrue();
    assertThat(relaxed.problems())
        .extracting(Problem::severity)
        .containsExactly(Problem.Severity.WARNING);
    assertThat(refused.valid()).isFalse();
    assertThat(refused.problems())
        .extracting(Problem::severity)
        .containsExactly(Problem.Severity.ERROR);
  }

  @Test
  void shouldCheckSyntaxOnlyWithoutAPolicy() throws Exception {
    Path file = Files.writeString(dir.resolve("centos-6.ks"), "");
    Kickstart kickstart =
        new HandBuiltKickstart(file).command("url", "--url=mirrors.kernel.org/centos/6").build();
    KickstartValidator.Options noPolicy =
        new KickstartValidator.Options(SyntaxVersion.RHEL7, false, null, null);

    KickstartValidator.Report report =
        new KickstartValidator(noPolicy, parserGiving(kickstart)).validate(file);

    assertThat(report.valid()).isTrue();
    assertThat(report.problems()).isEmpty();
    assertThat(parsedWith).containsExactly(SyntaxVersion.RHEL7);
  }

  @Test
  void shouldReadWithTheMetadataSyntax() throws Exception {
    Path file = Files.writeString(dir.resolve("CentOS-6-x86_64-Docker.ks"), "");
    Files.writeString(
        dir.resolve("CentOS-6-x86_64-Docker.json"), "{\"release\": \"6\", \"syntax\": \"RHEL5\"}");

    new KickstartValidator(
            KickstartValidator.Options.defaults(),
            parserGiving(new HandBuiltKickstart(file).build()))
        .validate(file);

    assertThat(parsedWith).containsExactly(SyntaxVersion.RHEL5);
  }
}
