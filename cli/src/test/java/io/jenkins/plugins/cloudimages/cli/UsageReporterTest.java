package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class UsageReporterTest {
  @TempDir Path dir;

  @Test
  void shouldNameAProblemFoundAfterParsingWithoutTheWholeHelp() {
    String missing = dir.resolve("missing.ks").toString();

    CommandRun run = CommandRun.of("build", "--kickstart", missing);

    assertThat(run.exit()).isEqualTo(Cloudimg.USAGE);
    assertThat(run.err().lines())
        .containsExactly(
            "cloudimg build: error: cannot read the kickstart " + missing,
            "Try 'cloudimg build --help' for more information.");
  }

  @Test
  void shouldNameAnUnknownOptionAndPointToTheHelp() {
    CommandRun run = CommandRun.of("validate", "--polcy", "x.txt", "CentOS-9-x86_64-Cloud.ks");

    assertThat(run.exit()).isEqualTo(Cloudimg.USAGE);
    assertThat(run.err())
        .startsWith("cloudimg validate: error: ")
        .contains("'--polcy'")
        .endsWith("Try 'cloudimg validate --help' for more information." + System.lineSeparator())
        .doesNotContain("Usage:");
  }

  @Test
  void shouldSayErrorOnceForPicocliArgumentGroups() {
    CommandRun run =
        CommandRun.of(
            "publish", "--host", "h", "--user", "u", "--known-hosts", "k", "--dest", "d", "f.img");

    assertThat(run.exit()).isEqualTo(Cloudimg.USAGE);
    assertThat(run.err())
        .startsWith("cloudimg publish: error: Missing required argument")
        .contains("--identity")
        .doesNotContain("Error:");
  }

  @Test
  void shouldSuggestTheCommandAMistypedNameResembles() {
    CommandRun run = CommandRun.of("biuld");

    assertThat(run.exit()).isEqualTo(Cloudimg.USAGE);
    assertThat(run.err()).contains("'biuld'").contains("Did you mean: cloudimg build?");
  }

  @Test
  void shouldListTheCommandsWhenNoneIsGiven() {
    CommandRun run = CommandRun.of();

    assertThat(run.exit()).isEqualTo(Cloudimg.USAGE);
    assertThat(run.err()).contains("Usage: cloudimg").contains("publish").contains("release");
  }

  /** picocli formats every help text with String.format: a lone % there breaks the help. */
  @Test
  void shouldHaveHelpTextsThatFormatCleanly() {
    List<String> texts = new ArrayList<>();
    collect(Cloudimg.newCommandLine().getCommandSpec(), texts);

    assertThat(texts).hasSizeGreaterThan(50);
    for (String text : texts) {
      assertThatCode(() -> String.format(text)).as(text).doesNotThrowAnyException();
    }
  }

  private static void collect(CommandSpec spec, List<String> texts) {
    texts.addAll(List.of(spec.usageMessage().description()));
    spec.options().forEach(option -> texts.addAll(List.of(option.description())));
    spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
    for (CommandLine sub : spec.subcommands().values()) {
      collect(sub.getCommandSpec(), texts);
    }
  }
}
