package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cases checked against Python's shlex.split, which pykickstart uses. */
class ShellWordsTest {
  @Test
  void shouldSplitLikePythonShlex() {
    assertThat(ShellWords.split("a  'b c' \"d\\\"e\" f\\ g", true).words())
        .containsExactly("a", "b c", "d\"e", "f g");
    assertThat(ShellWords.split("a 'x\\y' \"x\\y\" \"\"", true).words())
        .containsExactly("a", "x\\y", "x\\y", "");
    assertThat(ShellWords.split("pre'fix'\"ed\" done", true).words())
        .containsExactly("prefixed", "done");
  }

  @Test
  void shouldCutCommentsEvenInsideAWordButNotInQuotes() {
    assertThat(ShellWords.split("foo#bar baz", true).words()).containsExactly("foo");
    assertThat(ShellWords.split("a \"b#c\" d\\#e # rest", true).words())
        .containsExactly("a", "b#c", "d#e");
    assertThat(ShellWords.split("foo#bar baz", false).words()).containsExactly("foo#bar", "baz");
  }

  @Test
  void shouldReportUnterminatedQuotesAndDanglingBackslashes() {
    assertThat(ShellWords.split("rootpw 'secret", true).failed()).isTrue();
    assertThat(ShellWords.split("echo \"x\\\"", true).failed()).isTrue();
    assertThat(ShellWords.split("lang C \\", true).failed()).isTrue();
  }
}
