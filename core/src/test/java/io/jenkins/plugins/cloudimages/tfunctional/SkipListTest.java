package io.jenkins.plugins.cloudimages.tfunctional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkipListTest {
  @TempDir Path dir;

  @Test
  void shouldReadTheSuitesFormat() throws Exception {
    Path file = dir.resolve("skipped-tests.list");
    Files.writeString(
        file,
        "# comment\n\n8|tests/p_gzip/30-gzexe-test|https://example/833\n"
            + " 7 | ./tests/p_diffutils/10-cmp-tests | a|reason with bars \n");

    SkipList list = SkipList.read(file);

    assertThat(list.entries()).hasSize(2);
    assertThat(list.find("8", "tests/p_gzip/30-gzexe-test"))
        .get()
        .extracting(SkipList.Entry::reason, SkipList.Entry::line)
        .containsExactly("https://example/833", 3);
    assertThat(list.find("7", "./tests/p_diffutils/10-cmp-tests").get().reason())
        .isEqualTo("a|reason with bars");
    assertThat(list.find("78", "tests/p_diffutils/10-cmp-tests")).isEmpty();
  }

  @Test
  void shouldNameFileAndLineOfAMalformedEntry() throws Exception {
    Path file = dir.resolve("skip.list");
    Files.writeString(file, "8|tests/p_ok/x|fine\njust some words\n");

    assertThatThrownBy(() -> SkipList.read(file))
        .isInstanceOf(TFunctionalException.class)
        .hasMessage(file + ":2: error: expected <release>|<path>|<reason>, got: just some words");
  }

  @Test
  void shouldIgnoreMalformedLinesOfTheSuitesOwnList() {
    List<String> problems = new ArrayList<>();

    SkipList list =
        SkipList.parseLenient("|tests/x|y\n8|tests/y|z\n", "skipped-tests.list", problems);

    assertThat(list.entries()).extracting(SkipList.Entry::path).containsExactly("tests/y");
    assertThat(problems)
        .containsExactly(
            "skipped-tests.list:1: error: expected <release>|<path>|<reason>, got: |tests/x|y");
  }

  @Test
  void shouldSayWhenTheFileCannotBeRead() {
    assertThatThrownBy(() -> SkipList.read(dir.resolve("missing")))
        .isInstanceOf(TFunctionalException.class)
        .hasMessageContaining("cannot be read");
  }
}
