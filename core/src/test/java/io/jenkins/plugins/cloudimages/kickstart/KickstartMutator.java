package io.jenkins.plugins.cloudimages.kickstart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded mutator over real kickstarts: byte flips, truncation, inserted quotes, backslashes,
 * section lines, %end, %include (of itself, of a missing file, of a file outside the repository),
 * NUL bytes and huge lines. The same seed always gives the same inputs.
 */
final class KickstartMutator {
  private static final List<String> SNIPPETS =
      List.of(
          "\"",
          "'",
          "\\",
          "#",
          "%end\n",
          "%packages\n",
          "%post --nochroot\n",
          "%pre\n",
          "%addon\n",
          "%traceback\n",
          "%include fuzz.ks\n",
          "%include missing.ks\n",
          "%include ../../../../etc/passwd\n",
          "%include\n",
          "%ksappend fuzz.ks\n",
          "%ksappend\n",
          "--size=\n",
          " --=\n",
          "part / --size -1\n",
          "@core --optional --nodefaults\n",
          "\u0000",
          "\r",
          "\n\n",
          "network --device=\n",
          "-\n",
          "--\n");

  private final Random random;
  private final int hugeLineBytes;

  KickstartMutator(long seed, int hugeLineBytes) {
    this.random = new Random(seed);
    this.hugeLineBytes = hugeLineBytes;
  }

  byte[] mutate(byte[] seed) {
    byte[] data = seed;
    int rounds = 1 + random.nextInt(6);
    for (int i = 0; i < rounds; i++) {
      data = mutateOnce(data);
    }
    return data;
  }

  private byte[] mutateOnce(byte[] data) {
    int at = data.length == 0 ? 0 : random.nextInt(data.length + 1);
    switch (random.nextInt(7)) {
      case 0:
        byte[] flipped = data.clone();
        if (flipped.length > 0) {
          flipped[Math.min(at, flipped.length - 1)] ^= (byte) (1 << random.nextInt(8));
        }
        return flipped;
      case 1:
        return java.util.Arrays.copyOf(data, at);
      case 2:
        return insert(
            data,
            at,
            SNIPPETS.get(random.nextInt(SNIPPETS.size())).getBytes(StandardCharsets.UTF_8));
      case 3:
        byte[] noise = new byte[1 + random.nextInt(64)];
        random.nextBytes(noise);
        return insert(data, at, noise);
      case 4:
        if (random.nextInt(20) == 0) {
          byte[] huge = new byte[hugeLineBytes];
          java.util.Arrays.fill(huge, (byte) (random.nextBoolean() ? 'a' : '"'));
          return insert(data, at, huge);
        }
        return insert(data, at, "lang \"".getBytes(StandardCharsets.UTF_8));
      case 5:
        int from = random.nextInt(data.length + 1);
        int length = Math.min(data.length - from, random.nextInt(200));
        return insert(data, at, java.util.Arrays.copyOfRange(data, from, from + length));
      default:
        return data.length == 0
            ? data
            : java.util.Arrays.copyOfRange(
                data, 0, data.length - random.nextInt(Math.min(data.length, 100) + 1));
    }
  }

  private static byte[] insert(byte[] data, int at, byte[] inserted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + inserted.length);
    out.write(data, 0, at);
    out.write(inserted, 0, inserted.length);
    out.write(data, at, data.length - at);
    return out.toByteArray();
  }
}
