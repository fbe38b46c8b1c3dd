package io.jenkins.plugins.cloudimages.kickstart;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one kickstart line into words the way pykickstart does (Python's {@code shlex.split} in
 * POSIX mode): blanks separate words, single quotes keep everything, double quotes keep everything
 * but {@code \"} and {@code \\}, a backslash outside quotes escapes the next character, and (when
 * comments are on) {@code #} outside quotes ends the line, even in the middle of a word.
 */
final class ShellWords {

  /** The words of a line, or why it could not be split. */
  record Split(List<String> words, String error) {
    boolean failed() {
      return error != null;
    }
  }

  private ShellWords() {}

  static Split split(String line, boolean comments) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int length = line.length();
    int i = 0;
    while (i < length) {
      char c = line.charAt(i);
      if (isBlank(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '#' && comments) {
        break;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          return new Split(words, "no closing quotation");
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i = readDoubleQuoted(line, i + 1, word);
        if (i < 0) {
          return new Split(words, "no closing quotation");
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= length) {
          return new Split(
              words, "no escaped character after the backslash at the end of the line");
        }
        word.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return new Split(words, null);
  }

  /** Reads a double-quoted part starting after the quote; returns the index after it, or -1. */
  private static int readDoubleQuoted(String line, int start, StringBuilder word) {
    int length = line.length();
    int i = start;
    while (i < length) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\'
          && i + 1 < length
          && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
        word.append(line.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    return -1;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
