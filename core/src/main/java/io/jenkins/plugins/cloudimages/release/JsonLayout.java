package io.jenkins.plugins.cloudimages.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where things are in the text of a JSON document whose top level is an object: each top-level
 * member's key and value spans, and the spans of an array value's elements. Only positions: the
 * text itself is validated by Jackson before this runs.
 */
final class JsonLayout {

  /** One top-level member: the key's span (with quotes) and the value's span. */
  record Member(String name, int keyStart, int keyEnd, int valueStart, int valueEnd) {}

  /** A span {@code [start, end)}. */
  record Span(int start, int end) {}

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final String text;
  final int objectStart;
  final int objectEnd;
  final List<Member> members = new ArrayList<>();

  JsonLayout(String text) {
    this.text = text;
    int at = skipSpace(0);
    if (at >= text.length() || text.charAt(at) != '{') {
      throw new IllegalArgumentException("the top level is not a JSON object");
    }
    objectStart = at;
    at = skipSpace(at + 1);
    while (text.charAt(at) != '}') {
      int keyStart = at;
      int keyEnd = skipString(at);
      String name = unquote(text.substring(keyStart, keyEnd));
      at = skipSpace(keyEnd);
      at = skipSpace(at + 1); // the colon
      int valueStart = at;
      int valueEnd = skipValue(at);
      members.add(new Member(name, keyStart, keyEnd, valueStart, valueEnd));
      at = skipSpace(valueEnd);
      if (text.charAt(at) == ',') {
        at = skipSpace(at + 1);
      }
    }
    objectEnd = at;
  }

  Optional<Member> member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The elements of the array whose '[' is at {@code arrayStart}. */
  List<Span> arrayElements(int arrayStart) {
    List<Span> elements = new ArrayList<>();
    int at = skipSpace(arrayStart + 1);
    while (text.charAt(at) != ']') {
      int end = skipValue(at);
      elements.add(new Span(at, end));
      at = skipSpace(end);
      if (text.charAt(at) == ',') {
        at = skipSpace(at + 1);
      }
    }
    return elements;
  }

  /** The index of the ']' closing the array whose '[' is at {@code arrayStart}. */
  int arrayEnd(int arrayStart) {
    return skipValue(arrayStart) - 1;
  }

  /** The whitespace that starts the line {@code position} is on. */
  String lineIndent(int position) {
    int lineStart = text.lastIndexOf('\n', position - 1) + 1;
    int end = lineStart;
    while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
      end++;
    }
    return text.substring(lineStart, end);
  }

  /** Whether only whitespace precedes {@code position} on its line. */
  boolean startsLine(int position) {
    int lineStart = text.lastIndexOf('\n', position - 1) + 1;
    return text.substring(lineStart, position).isBlank();
  }

  boolean newlineBetween(int from, int to) {
    return text.substring(from, to).indexOf('\n') >= 0;
  }

  int skipSpace(int at) {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    if (at >= text.length()) {
      throw new IllegalArgumentException("unexpected end of JSON text");
    }
    return at;
  }

  /** The position just after the value starting at {@code at}. */
  int skipValue(int at) {
    char c = text.charAt(at);
    if (c == '"') {
      return skipString(at);
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      int i = at;
      while (i < text.length()) {
        char d = text.charAt(i);
        if (d == '"') {
          i = skipString(i);
          continue;
        }
        if (d == '{' || d == '[') {
          depth++;
        } else if (d == '}' || d == ']') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
      throw new IllegalArgumentException("unterminated JSON container");
    }
    int i = at;
    while (i < text.length() && ",}] \t\r\n".indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  private int skipString(int at) {
    int i = at + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated JSON string");
  }

  private static String unquote(String quoted) {
    try {
      return MAPPER.readValue(quoted, String.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON key " + quoted, e);
    }
  }
}
