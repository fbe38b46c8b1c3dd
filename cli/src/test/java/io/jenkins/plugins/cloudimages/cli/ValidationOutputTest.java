package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ValidationOutputTest {
  @Test
  void shouldQuoteAnyTextAsAJsonStringThatReadsBackUnchanged() throws Exception {
    String nasty =
        "say \"hi\" \\ tab\t nl\n cr\r nul\0 bell\u0007 sep\u2028 \u00e9\u4e2d\ud83d\ude00";

    String quoted = ValidationOutput.quote(nasty);

    assertThat(quoted).doesNotContain("\n", "\r", "\t", "\0");
    assertThat(new ObjectMapper().readValue(quoted, String.class)).isEqualTo(nasty);
  }
}
