package io.jenkins.plugins.cloudimages.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSch;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchedSecureRandomTest {
  private static final byte UNTOUCHED = 0x5a;

  @Test
  void shouldFillOnlyTheRangeAskedFor() {
    byte[] target = new byte[64];
    Arrays.fill(target, UNTOUCHED);

    new BatchedSecureRandom().fill(target, 10, 20);

    assertThat(Arrays.copyOfRange(target, 0, 10)).containsOnly(UNTOUCHED);
    assertThat(Arrays.copyOfRange(target, 30, 64)).containsOnly(UNTOUCHED);
    assertThat(Arrays.copyOfRange(target, 10, 30)).isNotEqualTo(filled(20, UNTOUCHED));
  }

  @Test
  void shouldNeverHandOutTheSameBytesTwiceAcrossBatches() {
    BatchedSecureRandom random = new BatchedSecureRandom();
    Set<String> blocks = new HashSet<>();
    // Odd sizes, so that fills straddle batch boundaries; three batches' worth in all.
    int total = 0;
    while (total < 3 * BatchedSecureRandom.BATCH_BYTES) {
      byte[] block = new byte[19];
      random.fill(block, 0, block.length);
      assertThat(blocks.add(Arrays.toString(block))).isTrue();
      total += block.length;
    }
  }

  @Test
  void shouldServeARequestLargerThanABatch() {
    int length = 2 * BatchedSecureRandom.BATCH_BYTES + 100;
    byte[] target = new byte[length];

    new BatchedSecureRandom().fill(target, 0, length);

    int sameAsOneBatchEarlier = 0;
    for (int i = BatchedSecureRandom.BATCH_BYTES; i < length; i++) {
      if (target[i] == target[i - BatchedSecureRandom.BATCH_BYTES]) {
        sameAsOneBatchEarlier++;
      }
    }
    // Fresh random bytes match by chance about once in 256; a batch repeated would match always.
    assertThat(sameAsOneBatchEarlier).isLessThan(length / 64);
  }

  @Test
  void shouldBecomeJschsSourceWhenInstalled() {
    String before = JSch.getConfig("random");
    try {
      BatchedSecureRandom.install();

      assertThat(JSch.getConfig("random")).isEqualTo(BatchedSecureRandom.class.getName());
    } finally {
      JSch.setConfig("random", before);
    }
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
