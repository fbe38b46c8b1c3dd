package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RHEL5 syntax, in pykickstart's test style: each later version's test class extends the previous
 * one, inherits every case that still holds and overrides the ones that changed.
 */
class Rhel5SyntaxTest {
  @TempDir Path folder;

  SyntaxVersion syntax() {
    return SyntaxVersion.RHEL5;
  }

  // --- helpers

  ParseResult parse(String text) throws IOException {
    Path file = folder.resolve("test.ks");
    Files.writeString(file, text);
    return new KickstartParser(syntax(), folder).parse(file);
  }

  Kickstart assertParse(String text) throws IOException {
    ParseResult result = parse(text);
    assertThat(result.problems()).as(syntax() + ": " + text).isEmpty();
    return result.kickstart();
  }

  void assertParseError(String text, int line) throws IOException {
    ParseResult result = parse(text);
    assertThat(result.problems())
        .as(syntax() + ": " + text)
        .anySatisfy(
            p -> {
              assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
              assertThat(p.line()).isEqualTo(line);
            });
  }

  void assertParseError(String text) throws IOException {
    assertParseError(text, 1);
  }

  void assertParseWarning(String text, int line) throws IOException {
    ParseResult result = parse(text);
    assertThat(result.problems())
        .as(syntax() + ": " + text)
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING))
        .anySatisfy(p -> assertThat(p.line()).isEqualTo(line));
  }

  // --- cases every version shares

  @Test
  void shouldReadCommandsWithQuotedWordsAndBothOptionStyles() throws IOException {
    Kickstart kickstart =
        assertParse(
            "# comment\n\nlang en_US.UTF-8\nbootloader --location=mbr --append \"console=tty0 quiet\"\n");

    assertThat(kickstart.command("bootloader").orElseThrow().option("--append"))
        .contains("console=tty0 quiet");
    assertThat(kickstart.command("bootloader").orElseThrow().location().line()).isEqualTo(4);
    assertThat(kickstart.command("lang").orElseThrow().words()).containsExactly("en_US.UTF-8");
  }

  @Test
  void shouldRefuseUnknownCommandsAndOptions() throws IOException {
    assertParseError("frobnicate --now\n");
    assertParseError("skipx\ntext --bogus\n", 2);
    assertParseError("skipx extra\n");
  }

  @Test
  void shouldCheckOptionValues() throws IOException {
    assertParse("part / --size=1024 --grow\n");
    assertParseError("part / --size=big\n");
    assertParseError("part / --size\n");
    assertParseError("bootloader --location=nowhere\n");
    assertParseError("network --onboot=maybe\n");
    assertParse("network --bootproto dhcp --onboot yes\n");
  }

  @Test
  void shouldAcceptUnambiguousOptionPrefixesLikeArgparse() throws IOException {
    assertParse("network --bootp=dhcp\n");
    assertParseError("firewall --disab\n");
  }

  @Test
  void shouldNameAliasesByTheirCanonicalName() throws IOException {
    Kickstart kickstart = assertParse("partition / --size=100\n");

    assertThat(kickstart.commands("part")).hasSize(1);
  }

  @Test
  void shouldRequireOptions() throws IOException {
    assertParseError("logvol / --vgname=vg --size=10\n");
    assertParseError("url\n");
  }

  @Test
  void shouldWarnAboutThingsDefinedTwice() throws IOException {
    assertParseWarning("part / --size=1\npart / --size=2\n", 2);
    assertParseWarning("network --bootproto=dhcp\nnetwork --hostname=a\n", 2);
    assertParse("part swap --size=1\npart swap --size=2\n");
    assertParse("lang en_US\nlang de_DE\n");
  }

  @Test
  void shouldKnowRhel5OnlyCommandsAndOptions() throws IOException {
    assertParseWarning("mouse generic\n", 1);
    assertParseError("rootpw --lock secret\n");
    assertParseError("firewall --enabled --service=ssh\n");
    assertParseError("repo --name=a --baseurl=http://a/ --cost=100\n");
  }

  @Test
  void shouldReadPackagesHeaderOptionsOfTheVersion() throws IOException {
    assertParseError("%packages --nobase\n%end\n");
    assertParseWarning("%packages --resolvedeps\n%end\n", 1);
    assertParse("%packages --excludedocs --ignoremissing\n@core\n%end\n");
  }

  @Test
  void shouldLetTheNextSectionCloseAnUnendedOne() throws IOException {
    Kickstart kickstart = assertParse("%post\necho hi\n%packages\n@core\n");

    assertThat(kickstart.sections())
        .extracting(KickstartSection::name)
        .containsExactly("post", "packages");
    assertThat(kickstart.sections("post").get(0).script()).isEqualTo("echo hi\n");
  }

  @Test
  void shouldKeepScriptBodiesVerbatimWithTheirLines() throws IOException {
    Kickstart kickstart =
        assertParse("skipx\n%post --nochroot --log=/root/post.log\n# keep\n\necho \"%x\"\n%end\n");

    KickstartSection post = kickstart.sections("post").get(0);
    assertThat(post.hasFlag("--nochroot")).isTrue();
    assertThat(post.option("--log")).contains("/root/post.log");
    assertThat(post.body())
        .extracting(KickstartSection.Line::text)
        .containsExactly("# keep", "", "echo \"%x\"");
    assertThat(post.body().get(2).location().line()).isEqualTo(5);
  }

  @Test
  void shouldRefuseUnknownSectionsAndStrayEnds() throws IOException {
    assertParseError("%bogus\nfoo\n%end\nskipx\n");
    assertParseError("%end\n");
    assertParseError("%post --bogus\n%end\n");
  }

  @Test
  void shouldAcceptAddonAndAnacondaSectionsWithAnyHeader() throws IOException {
    Kickstart kickstart =
        assertParse("%addon com_redhat_kdump --enable\n%end\n%anaconda\npwpolicy root\n%end\n");

    assertThat(kickstart.sections("addon").get(0).headerWords())
        .containsExactly("com_redhat_kdump", "--enable");
  }

  @Test
  void shouldRefuseGroupsWithBothLevels() throws IOException {
    assertParseError("%packages\n@base --optional --nodefaults\n%end\n", 2);
  }

  @Test
  void shouldReportUnterminatedQuotesAtTheirLine() throws IOException {
    assertParseError("skipx\nlang \"en_US\n", 2);
  }
}
