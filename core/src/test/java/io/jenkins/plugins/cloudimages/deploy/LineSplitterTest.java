package io.jenkins.plugins.cloudimages.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  @Test
  void shouldSplitBytesIntoBoundedLines() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    byte[] data =
        ("one\r\ntwo\n" + "x".repeat(LineSplitter.MAX_LINE_BYTES + 5) + "\nlast")
            .getBytes(StandardCharsets.UTF_8);
    splitter.write(data, 0, data.length);
    splitter.flush();

    assertThat(lines).hasSize(5);
    assertThat(lines.subList(0, 2)).containsExactly("one", "two");
    assertThat(lines.get(2)).hasSize(LineSplitter.MAX_LINE_BYTES);
    assertThat(lines.get(3)).isEqualTo("xxxxx");
    assertThat(lines.get(4)).isEqualTo("last");
  }

  @Test
  void shouldKeepOnlyTheLastOutputWithinTheLimit() {
    OutputTail tail = new OutputTail();
    List<String> live = new ArrayList<>();
    var both = tail.alsoTo(live::add);
    for (int i = 0; i < 100_000; i++) {
      both.accept("line " + i);
    }

    assertThat(live).hasSize(100_000);
    String text = tail.toString();
    assertThat(text.length()).isLessThanOrEqualTo(OutputTail.LIMIT);
    assertThat(text).endsWith("line 99998\nline 99999\n").doesNotContain("line 0\n");
    assertThat(text.lines().findFirst().orElseThrow()).matches("line \\d+");
  }

  @Test
  void shouldKeepTheEndOfALineLongerThanTheLimit() {
    OutputTail tail = new OutputTail();
    tail.accept("x".repeat(OutputTail.LIMIT * 2) + "end");

    assertThat(tail.toString()).hasSize(OutputTail.LIMIT).endsWith("end\n");
  }
}
