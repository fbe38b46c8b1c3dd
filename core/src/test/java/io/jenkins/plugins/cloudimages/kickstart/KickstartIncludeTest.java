package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KickstartIncludeTest {
  @TempDir Path folder;

  private Path write(String name, String text) throws IOException {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private ParseResult parse(Path file) throws IOException {
    return new KickstartParser(SyntaxVersion.RHEL7, folder).parse(file);
  }

  @Test
  void shouldInlineIncludesRelativeToTheIncludingFileKeepingEachLinesOrigin() throws IOException {
    Path top = write("top.ks", "skipx\n%include parts/disk.ks\nreboot\n");
    Path disk = write("parts/disk.ks", "# disk\nzerombr\n%include more.ks\n");
    Path more = write("parts/more.ks", "clearpart --all\n");

    ParseResult result = parse(top);

    assertThat(result.problems()).isEmpty();
    assertThat(result.kickstart().commands())
        .extracting(KickstartCommand::name)
        .containsExactly("skipx", "zerombr", "clearpart", "reboot");
    assertThat(result.kickstart().command("zerombr").orElseThrow().location())
        .isEqualTo(new SourceLocation(disk, 2));
    assertThat(result.kickstart().command("clearpart").orElseThrow().location())
        .isEqualTo(new SourceLocation(more, 1));
    assertThat(result.kickstart().command("reboot").orElseThrow().location().line()).isEqualTo(3);
    assertThat(result.kickstart().includes()).containsExactly(disk, more);
  }

  @Test
  void shouldLetASectionContinueIntoAnIncludedFile() throws IOException {
    Path top = write("top.ks", "%packages\n@core\n%include pkgs.ks\n%end\n");
    write("pkgs.ks", "vim\n-firewalld\n");

    ParseResult result = parse(top);

    assertThat(result.problems()).isEmpty();
    PackageSelection packages =
        PackageSelection.from(result.kickstart().sections("packages").get(0));
    assertThat(packages.packages()).containsExactly("vim");
    assertThat(packages.excludedPackages()).containsExactly("firewalld");
  }

  @Test
  void shouldAppendKsappendFilesOfTheTopLevelFile() throws IOException {
    Path top = write("top.ks", "skipx\n%ksappend extra.ks\n%post\necho\n%end\n");
    write("extra.ks", "reboot\n");

    ParseResult result = parse(top);

    assertThat(result.problems()).isEmpty();
    assertThat(result.kickstart().commands())
        .extracting(KickstartCommand::name)
        .containsExactly("skipx", "reboot");
  }

  @Test
  void shouldReportIncludeCyclesWithTheChainOfFiles() throws IOException {
    Path a = write("a.ks", "skipx\n%include b.ks\n");
    Path b = write("b.ks", "reboot\n%include a.ks\n");

    ParseResult result = parse(a);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(b);
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).contains("a.ks -> b.ks -> a.ks");
            });
  }

  @Test
  void shouldRefuseIncludesOutsideTheRepository() throws IOException {
    Path top = write("repo/top.ks", "skipx\n%include ../secret.ks\n%include /etc/passwd\n");
    write("secret.ks", "reboot\n");

    ParseResult result =
        new KickstartParser(SyntaxVersion.RHEL7, folder.resolve("repo")).parse(top);

    assertThat(result.problems()).extracting(Problem::line).containsExactly(2, 3);
    assertThat(result.problems())
        .allSatisfy(p -> assertThat(p.message()).contains("outside the kickstart repository"));
    assertThat(result.kickstart().commands("reboot")).isEmpty();
  }

  @Test
  void shouldUseTheGitWorkTreeAsRepositoryWhenNoRootIsGiven() throws IOException {
    Files.createDirectories(folder.resolve("work/.git"));
    Path top =
        write("work/ks/top.ks", "skipx\n%include ../common/base.ks\n%include ../../outside.ks\n");
    write("work/common/base.ks", "reboot\n");
    write("outside.ks", "poweroff\n");

    ParseResult result = new KickstartParser(SyntaxVersion.RHEL7, null).parse(top);

    assertThat(result.kickstart().commands())
        .extracting(KickstartCommand::name)
        .containsExactly("skipx", "reboot");
    assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
  }

  @Test
  void shouldOrderProblemsByFileThenLine() throws IOException {
    Path top = write("top.ks", "skipx\nbogus\n%include inc.ks\n%include missing.ks\nalsobogus\n");
    Path inc = write("inc.ks", "wrong\n");

    ParseResult result = parse(top);

    assertThat(result.problems())
        .extracting(p -> p.file().getFileName().toString() + ":" + p.line())
        .containsExactly("top.ks:2", "top.ks:4", "top.ks:5", inc.getFileName() + ":1");
  }

  @Test
  void shouldNotFetchIncludesFromUrls() throws IOException {
    Path top = write("top.ks", "skipx\n%include http://example.org/x.ks\n");

    ParseResult result = parse(top);

    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not fetching"));
  }

  @Test
  void shouldReportMissingIncludesAtTheirLine() throws IOException {
    Path top = write("top.ks", "skipx\n\n%include nothere.ks\n%include\n");

    ParseResult result = parse(top);

    assertThat(result.problems()).extracting(Problem::line).containsExactly(3, 4);
    assertThat(result.problems()).allSatisfy(p -> assertThat(p.isError()).isTrue());
  }

  @Test
  void shouldFlattenIncludesIntoOneTextLikeKsflatten() throws IOException {
    Path top = write("top.ks", "# top\nskipx\n%include inc.ks\n%ksappend app.ks\n");
    write("inc.ks", "reboot\n");
    write("app.ks", "lang C\n");

    String flat = new KickstartFlattener(folder).flatten(top);

    assertThat(flat).isEqualTo("# top\nskipx\nreboot\nlang C\n");
  }

  @Test
  void shouldReportAnUnclosedSectionAtTheLastLineOfTheTopLevelFile() throws IOException {
    Path top = write("top.ks", "%post\n%include body.ks\n\n");
    write("body.ks", "echo one\necho two\necho three\n");

    ParseResult result = parse(top);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(top);
              assertThat(p.line()).isEqualTo(3);
            });
  }
}
