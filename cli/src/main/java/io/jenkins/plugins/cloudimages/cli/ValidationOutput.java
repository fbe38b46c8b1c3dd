package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.kickstart.KickstartValidator;
import io.jenkins.plugins.cloudimages.kickstart.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes validation reports: compiler-style lines and a summary, or one JSON array. The JSON is
 * written by hand: it is small and fixed, and this keeps Jackson's object mapper out of the
 * command's start-up.
 */
final class ValidationOutput {
  private ValidationOutput() {}

  /** One FILE argument, as given, and its report. */
  record Entry(String given, KickstartValidator.Report report) {
    /** How to show a problem's file: as given for FILE itself, else relative when possible. */
    String display(Path file) {
      Path absolute = file.toAbsolutePath().normalize();
      if (absolute.equals(Path.of(given).toAbsolutePath().normalize())) {
        return given;
      }
      Path here = Path.of("").toAbsolutePath();
      return absolute.startsWith(here) ? here.relativize(absolute).toString() : file.toString();
    }

    boolean inFile(Problem problem) {
      return display(problem.file()).equals(given);
    }
  }

  static void text(List<Entry> entries, PrintWriter out) {
    int invalid = 0;
    int errors = 0;
    int warnings = 0;
    for (Entry entry : entries) {
      for (Problem problem : entry.report().problems()) {
        String where = entry.display(problem.file());
        out.println(
            (problem.line() == null ? where : where + ":" + problem.line())
                + ": "
                + problem.severity().label()
                + ": "
                + problem.message());
        if (problem.isError()) {
          errors++;
        } else {
          warnings++;
        }
      }
      if (!entry.report().valid()) {
        invalid++;
      }
    }
    int files = entries.size();
    out.println(
        plural(files, "file")
            + " checked: "
            + (files - invalid)
            + " valid, "
            + invalid
            + " invalid ("
            + plural(errors, "error")
            + ", "
            + plural(warnings, "warning")
            + ")");
  }

  static void json(List<Entry> entries, PrintWriter out) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      KickstartValidator.Report report = entry.report();
      json.append(i == 0 ? "\n  {" : ",\n  {");
      json.append("\"file\": ").append(quote(entry.given()));
      json.append(", \"syntax\": ").append(quote(report.syntax().version().name()));
      json.append(", \"valid\": ").append(report.valid());
      json.append(", \"problems\": [");
      List<Problem> problems = report.problems();
      for (int p = 0; p < problems.size(); p++) {
        Problem problem = problems.get(p);
        String message =
            entry.inFile(problem)
                ? problem.message()
                : "in " + entry.display(problem.file()) + ": " + problem.message();
        json.append(p == 0 ? "\n    {" : ",\n    {");
        json.append("\"line\": ").append(problem.line() == null ? "null" : problem.line());
        json.append(", \"severity\": ").append(quote(problem.severity().label()));
        json.append(", \"kind\": ").append(quote(problem.kind().label()));
        json.append(", \"message\": ").append(quote(message)).append('}');
      }
      json.append(problems.isEmpty() ? "]}" : "\n  ]}");
    }
    json.append(entries.isEmpty() ? "]" : "\n]");
    out.println(json);
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
