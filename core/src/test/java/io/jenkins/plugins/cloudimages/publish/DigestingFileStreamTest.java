package io.jenkins.plugins.cloudimages.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestingFileStreamTest {
  @TempDir Path temp;

  private Path fileOf(int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return Files.write(temp.resolve("image-" + size), bytes);
  }

  private static String sha256Of(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void shouldGiveEveryByteInOrderAndTheirDigest() throws Exception {
    // more blocks than the read-ahead holds, and a partial last block
    Path file = fileOf(DigestingFileStream.BLOCK_SIZE * (DigestingFileStream.BLOCKS + 3) + 12345);
    try (DigestingFileStream in = new DigestingFileStream(file)) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
      assertThat(in.position()).isEqualTo(Files.size(file));
      assertThat(in.sha256Hex()).isEqualTo(sha256Of(file));
    }
  }

  @Test
  void shouldHashWhatItSkipsAndGiveTheRest() throws Exception {
    Path file = fileOf(3 * DigestingFileStream.BLOCK_SIZE + 77);
    byte[] all = Files.readAllBytes(file);
    long offset = DigestingFileStream.BLOCK_SIZE + 5;
    try (DigestingFileStream in = new DigestingFileStream(file)) {
      assertThat(in.skip(offset)).isEqualTo(offset);
      assertThat(in.readAllBytes())
          .isEqualTo(java.util.Arrays.copyOfRange(all, (int) offset, all.length));
      assertThat(in.sha256Hex()).isEqualTo(sha256Of(file));
    }
  }

  @Test
  void shouldDigestTheWholeFileEvenWhenNotReadToTheEnd() throws Exception {
    Path file = fileOf(2 * DigestingFileStream.BLOCK_SIZE + 3);
    try (DigestingFileStream in = new DigestingFileStream(file)) {
      assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
      assertThat(in.sha256Hex()).isEqualTo(sha256Of(file));
    }
  }

  @Test
  void shouldReportAnEmptyFileAsEndAtOnce() throws Exception {
    Path file = Files.createFile(temp.resolve("empty"));
    try (DigestingFileStream in = new DigestingFileStream(file)) {
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.sha256Hex()).isEqualTo(sha256Of(file));
    }
  }

  @Test
  void shouldReportAReadFailureAsALocalOne() throws Exception {
    Path directory = Files.createDirectory(temp.resolve("not-a-file"));
    try (DigestingFileStream in = new DigestingFileStream(directory)) {
      assertThatThrownBy(() -> in.read(new byte[8], 0, 8))
          .isInstanceOf(DigestingFileStream.LocalReadException.class);
    }
  }

  @Test
  void shouldStopReadingAheadWhenClosedEarly() throws Exception {
    Path file = fileOf(DigestingFileStream.BLOCK_SIZE * (DigestingFileStream.BLOCKS + 4));
    DigestingFileStream in = new DigestingFileStream(file);
    in.read(new byte[1], 0, 1);

    in.close();

    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("cloudimg read-ahead " + file.getFileName())))
        .isEmpty();
  }
}
