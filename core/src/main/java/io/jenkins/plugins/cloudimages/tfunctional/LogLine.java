package io.jenkins.plugins.cloudimages.tfunctional;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The suite's log lines: {@code [+] <date> -> <message>} as t_Log prints them. */
final class LogLine {
  private static final Pattern LOG = Pattern.compile("^\\[\\+\\] (.*?) -> (.*)$");
  private static final Pattern SKIP = Pattern.compile("^(.*?)[\\s.:>-]*\\bSKIP\\b[\\s.!]*$");
  static final String FINISHED = "QA t_functional tests finished.";

  private LogLine() {}

  /** The message of a log line, or null when the line is not one. */
  static String message(String line) {
    Matcher m = LOG.matcher(line);
    return m.matches() ? m.group(2).strip() : null;
  }

  /** Whether a message says the test chose not to run ({@code SKIP}, {@code ... -> SKIP}). */
  static boolean isSkip(String message) {
    return SKIP.matcher(message).matches();
  }

  /** The reason given in a skip message before the word SKIP, or empty. */
  static String skipReason(String message) {
    Matcher m = SKIP.matcher(message);
    return m.matches() ? m.group(1).strip() : "";
  }

  static boolean isFail(String message) {
    return message.equals("FAIL");
  }

  /** The path a {@code Running <path> - <description>} message names, or null. */
  static String runningPath(String message) {
    if (!message.startsWith("Running ")) {
      return null;
    }
    String rest = message.substring("Running ".length()).strip();
    int space = rest.indexOf(' ');
    return SkipList.normalize(space < 0 ? rest : rest.substring(0, space));
  }
}
