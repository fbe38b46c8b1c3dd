package io.jenkins.plugins.cloudimages.kickstart;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with an input, as a person reads it: file, line (null when no line applies),
 * severity, kind and message.
 */
public record Problem(Path file, Integer line, Severity severity, Kind kind, String message) {

  public enum Severity {
    ERROR,
    WARNING;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum Kind {
    SYNTAX,
    POLICY,
    METADATA;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  public static Problem error(SourceLocation at, Kind kind, String message) {
    return new Problem(at.file(), at.line(), Severity.ERROR, kind, message);
  }

  public static Problem warning(SourceLocation at, Kind kind, String message) {
    return new Problem(at.file(), at.line(), Severity.WARNING, kind, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Compiler style: {@code FILE:LINE: error: message}. */
  public String format() {
    String where = line == null ? file.toString() : file + ":" + line;
    return where + ": " + severity.label() + ": " + message;
  }
}
