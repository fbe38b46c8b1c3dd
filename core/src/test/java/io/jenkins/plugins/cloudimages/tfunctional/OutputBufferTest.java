package io.jenkins.plugins.cloudimages.tfunctional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputBufferTest {

  @Test
  void shouldKeepTheBeginningAndTheEndWithinItsBudget() {
    OutputBuffer buffer = new OutputBuffer(1000);
    for (int i = 0; i < 100_000; i++) {
      buffer.append("line " + i);
    }

    String text = buffer.toString();
    assertThat(text.length()).isLessThan(1100);
    assertThat(text).startsWith("line 0\nline 1\n").endsWith("line 99999\n");
    assertThat(text).containsPattern("\\[\\.\\.\\. \\d+ lines left out \\.\\.\\.\\]");
    assertThat(buffer.lastLines(2)).isEqualTo("line 99998\nline 99999");
  }

  @Test
  void shouldKeepShortOutputWhole() {
    OutputBuffer buffer = new OutputBuffer(1000);
    buffer.append("a");
    buffer.append("b");
    assertThat(buffer.toString()).isEqualTo("a\nb\n");
  }

  @Test
  void shouldSplitBytesIntoBoundedLines() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    byte[] data =
        ("one\r\ntwo\n" + "x".repeat(LineSplitter.MAX_LINE_BYTES + 5) + "\nlast")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    splitter.write(data, 0, data.length);
    splitter.flush();

    assertThat(lines).hasSize(5);
    assertThat(lines.subList(0, 2)).containsExactly("one", "two");
    assertThat(lines.get(2)).hasSize(LineSplitter.MAX_LINE_BYTES);
    assertThat(lines.get(3)).isEqualTo("xxxxx");
    assertThat(lines.get(4)).isEqualTo("last");
  }
}
