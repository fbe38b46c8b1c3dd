package io.jenkins.plugins.cloudimages.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksumFileTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void shouldWriteTheCoreutilsFormat() {
    assertThat(ChecksumFile.empty().with("x.qcow2", A).with("y.raw", B).text())
        .isEqualTo(A + "  x.qcow2\n" + B + "  y.raw\n");
  }

  @Test
  void shouldReadTextAndBinaryEntriesAndKeepOtherLines() {
    ChecksumFile sums = ChecksumFile.parse("# signed by SIG\n" + A.toUpperCase() + " *x.qcow2\n");
    assertThat(sums.digestOf("x.qcow2")).contains(A);
    assertThat(sums.names()).containsExactly("x.qcow2");
    assertThat(sums.with("y.raw", B).text())
        .isEqualTo("# signed by SIG\n" + A.toUpperCase() + " *x.qcow2\n" + B + "  y.raw\n");
  }

  @Test
  void shouldReplaceTheEntryOfTheSameName() {
    ChecksumFile sums = ChecksumFile.parse(A + "  x.qcow2\n" + A + "  y.raw\n").with("x.qcow2", B);
    assertThat(sums.text()).isEqualTo(B + "  x.qcow2\n" + A + "  y.raw\n");
  }

  @Test
  void shouldRefuseNamesSha256sumCannotList() {
    assertThatThrownBy(() -> ChecksumFile.empty().with("a\nb", A))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
