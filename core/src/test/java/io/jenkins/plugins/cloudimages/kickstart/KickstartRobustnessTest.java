package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives problems with a line, never an exception. */
class KickstartRobustnessTest {
  @TempDir Path folder;

  private ParseResult parse(byte[] bytes) throws IOException {
    Path file = folder.resolve("bad.ks");
    Files.write(file, bytes);
    return new KickstartParser(SyntaxVersion.RHEL6, folder).parse(file);
  }

  @Test
  void shouldAcceptAnEmptyFile() throws IOException {
    ParseResult result = parse(new byte[0]);

    assertThat(result.problems()).isEmpty();
    assertThat(result.kickstart().commands()).isEmpty();
  }

  @Test
  void shouldReportBinaryFilesWithALine() throws IOException {
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);

    ParseResult result = parse(bytes);

    assertThat(result.hasErrors()).isTrue();
    assertThat(result.problems()).allSatisfy(p -> assertThat(p.line()).isNotNull().isPositive());
    assertThat(result.problems().size()).isLessThanOrEqualTo(501);
  }

  @Test
  void shouldReportNulBytesAndInvalidUtf8AtTheirLine() throws IOException {
    ParseResult nul = parse("skipx\nlang C\u0000\n".getBytes(StandardCharsets.UTF_8));
    ParseResult latin1 = parse(new byte[] {'s', 'k', 'i', 'p', 'x', '\n', '#', (byte) 0xe9, '\n'});

    assertThat(nul.problems()).anySatisfy(p -> assertThat(p.line()).isEqualTo(2));
    assertThat(latin1.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).contains("UTF-8");
            });
  }

  @Test
  void shouldReportUnterminatedQuotesAndTrailingBackslashes() throws IOException {
    ParseResult result =
        parse(
            "skipx\nrootpw 'secret\n%post\necho \"x\n%end \"\n%end\n"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(result.problems()).extracting(Problem::line).contains(2, 5);
  }

  @Test
  void shouldCopeWithATenMegabyteLine() throws IOException {
    String huge = "lang " + "x".repeat(10 * 1024 * 1024) + "\nbogus " + "\"y".repeat(1000) + "\n";

    long start = System.nanoTime();
    ParseResult result = parse(huge.getBytes(StandardCharsets.UTF_8));

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message().length()).isLessThan(200);
            });
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void shouldThrowOnlyWhenTheTopLevelFileCannotBeRead() {
    KickstartParser parser = new KickstartParser(SyntaxVersion.RHEL6, folder);

    assertThatThrownBy(() -> parser.parse(folder.resolve("missing.ks")))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> parser.parse(folder)).isInstanceOf(IOException.class);
  }

  @Test
  void shouldDetectTheVersionLineLikePykickstart() throws IOException {
    Path file = folder.resolve("v.ks");
    Files.writeString(file, "\n#version=RHEL7\nskipx\n");
    Path fedora = folder.resolve("f.ks");
    Files.writeString(fedora, "#version=F20\n");

    assertThat(KickstartParser.detectFromHeader(file)).contains(SyntaxVersion.RHEL7);
    assertThat(KickstartParser.detectFromHeader(fedora)).isEmpty();
    assertThat(KickstartParser.detectFromHeader(folder.resolve("none.ks"))).isEmpty();
  }
}
