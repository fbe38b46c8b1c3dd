package io.jenkins.plugins.cloudimages.kickstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pykickstart's parser state machine over the flattened lines: outside sections every line is a
 * command (checked against the version's command table); a {@code %section} line opens a section
 * whose body runs to {@code %end}. A section left open is an error from RHEL6 on; in RHEL5 the next
 * section or the end of the file closes it.
 */
final class StateMachine {
  private final SyntaxVersion syntax;
  private final Path top;
  private final List<KickstartLine> lines;
  private final KickstartParser.ProblemList problems;
  private final CommandChecker commandChecker;
  private final List<KickstartCommand> commands = new ArrayList<>();
  private final List<KickstartSection> sections = new ArrayList<>();

  StateMachine(
      SyntaxVersion syntax,
      Path top,
      List<KickstartLine> lines,
      KickstartParser.ProblemList problems) {
    this.syntax = syntax;
    this.top = top;
    this.lines = lines;
    this.problems = problems;
    this.commandChecker = new CommandChecker(syntax, problems);
  }

  List<KickstartCommand> commands() {
    return commands;
  }

  List<KickstartSection> sections() {
    return sections;
  }

  void run() {
    int i = 0;
    while (i < lines.size()) {
      KickstartLine line = lines.get(i);
      if (isBlankOrComment(line.text())) {
        i++;
        continue;
      }
      ShellWords.Split split = ShellWords.split(line.text(), true);
      if (split.failed()) {
        error(line.location(), "cannot read the line: " + split.error());
        i++;
        continue;
      }
      List<String> words = split.words();
      if (words.isEmpty()) {
        i++;
        continue;
      }
      String first = words.get(0);
      if (first.isEmpty()) {
        error(line.location(), "the line starts with an empty word instead of a command");
        i++;
      } else if (first.equals("%ksappend")) {
        i++;
      } else if (first.charAt(0) == '%') {
        i = SectionTable.isSection(first) ? readSection(i, words) : skipUnknownSection(i, first);
      } else {
        KickstartCommand command = commandChecker.check(words, line.location());
        if (command != null) {
          commands.add(command);
        }
        i++;
      }
    }
  }

  /** Reads a section from its header line; returns the index of the first line after it. */
  private int readSection(int headerIndex, List<String> words) {
    KickstartLine header = lines.get(headerIndex);
    String name = words.get(0);
    List<String> headerWords = words.subList(1, words.size());
    SectionHeaderChecker.check(syntax, name, headerWords, header.location(), problems);
    boolean packages = name.equals("%packages");
    List<KickstartSection.Line> body = new ArrayList<>();
    int i = headerIndex + 1;
    for (; i < lines.size(); i++) {
      KickstartLine line = lines.get(i);
      String text = line.text();
      if (packages && isBlankOrComment(text)) {
        continue;
      }
      String keyword = sectionKeyword(text);
      if (keyword != null) {
        ShellWords.Split split = ShellWords.split(text, false);
        if (split.failed()) {
          error(line.location(), "cannot read the line: " + split.error());
          continue;
        }
        String first = split.words().isEmpty() ? "" : split.words().get(0);
        if (first.equals("%end")) {
          close(name, headerWords, body, header);
          return i + 1;
        }
        if (SectionTable.isSection(first)) {
          if (syntax.atLeast(SyntaxVersion.RHEL6)) {
            error(line.location(), "section " + name + " does not end with %end");
          }
          close(name, headerWords, body, header);
          return i;
        }
      }
      body.add(new KickstartSection.Line(text, line.location()));
    }
    if (syntax.atLeast(SyntaxVersion.RHEL6)) {
      error(lastLineOfTop(header), "section " + name + " does not end with %end");
    }
    close(name, headerWords, body, header);
    return i;
  }

  private void close(
      String name,
      List<String> headerWords,
      List<KickstartSection.Line> body,
      KickstartLine header) {
    KickstartSection section =
        new KickstartSection(name.substring(1), headerWords, body, header.location());
    if (name.equals("%packages")) {
      PackageSelection.check(section, problems);
    }
    sections.add(section);
  }

  /**
   * An unknown section is an error; its body is skipped up to its {@code %end} or the next known
   * section, so that it does not cause an error per line.
   */
  private int skipUnknownSection(int headerIndex, String name) {
    KickstartLine header = lines.get(headerIndex);
    if (name.equals("%end")) {
      error(header.location(), "%end without a section to end");
      return headerIndex + 1;
    }
    error(header.location(), "unknown section " + Text.clip(name));
    for (int i = headerIndex + 1; i < lines.size(); i++) {
      String keyword = sectionKeyword(lines.get(i).text());
      if ("%end".equals(keyword)) {
        return i + 1;
      }
      if (keyword != null) {
        return i;
      }
    }
    return lines.size();
  }

  /** The %end or known-section word a line starts with (pykickstart's first-word test), or null. */
  private static String sectionKeyword(String text) {
    int start = 0;
    int length = text.length();
    while (start < length && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    if (start >= length || text.charAt(start) != '%') {
      return null;
    }
    int end = start;
    while (end < length && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    String word = text.substring(start, end);
    return word.equals("%end") || SectionTable.isSection(word) ? word : null;
  }

  /** pykickstart reports an unclosed section at the last line of the top-level file. */
  private SourceLocation lastLineOfTop(KickstartLine fallback) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).location().file().equals(top)) {
        return lines.get(i).location();
      }
    }
    return fallback.location();
  }

  static boolean isBlankOrComment(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '#';
      }
    }
    return true;
  }

  private void error(SourceLocation at, String message) {
    problems.add(Problem.error(at, Problem.Kind.SYNTAX, message));
  }
}
