package io.jenkins.plugins.cloudimages.kickstart;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one kickstart file as text, with what is wrong with the bytes themselves: NUL bytes
 * (a binary file) and invalid UTF-8 are reported at their line; the text goes on with the bad bytes
 * replaced, so the rest can still be checked.
 */
final class KickstartFile {
  private KickstartFile() {}

  static List<KickstartLine> lines(Path file, byte[] bytes, List<Problem> problems) {
    int nul = indexOf(bytes, (byte) 0);
    if (nul >= 0) {
      problems.add(
          Problem.error(
              new SourceLocation(file, lineOf(bytes, nul)),
              Problem.Kind.SYNTAX,
              "NUL byte in the file: a kickstart is text, this looks like a binary file"));
    }
    String text = decode(file, bytes, problems);
    List<KickstartLine> lines = new ArrayList<>();
    int start = 0;
    int number = 1;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(new KickstartLine(text.substring(start, i), new SourceLocation(file, number++)));
        if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < length) {
      lines.add(new KickstartLine(text.substring(start), new SourceLocation(file, number)));
    }
    return lines;
  }

  private static String decode(Path file, byte[] bytes, List<Problem> problems) {
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes);
    try {
      return strict.decode(input).toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes);
      problems.add(
          Problem.error(
              new SourceLocation(file, lineOf(bytes, bad)),
              Problem.Kind.SYNTAX,
              "the file is not valid UTF-8 text (first bad byte at offset " + bad + ")"));
      // decoding into a String replaces every bad sequence with U+FFFD and goes on
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
  private static int firstInvalidUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes);
    CharBuffer output = CharBuffer.allocate(8192);
    while (true) {
      var result = decoder.decode(input, output, true);
      if (result.isError()) {
        return input.position();
      }
      if (result.isUnderflow()) {
        return bytes.length;
      }
      output.clear();
    }
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n'
          || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
        line++;
      }
    }
    return line;
  }
}
