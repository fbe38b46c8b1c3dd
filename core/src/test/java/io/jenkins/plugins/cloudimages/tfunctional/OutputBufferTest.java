package io.jenkins.plugins.cloudimages.tfunctional;

import static org.assertj.core.api.Assertions.assertThat;

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
}
