package io.jenkins.plugins.cloudimages.plugin.rules;

/** The outcome of checking one form field, before Jenkins turns it into a FormValidation. */
public record Check(Kind kind, String message) {
  /** How bad it is. */
  public enum Kind {
    OK,
    WARNING,
    ERROR
  }

  private static final Check OK = new Check(Kind.OK, "");

  public static Check ok() {
    return OK;
  }

  public static Check warning(String message) {
    return new Check(Kind.WARNING, message);
  }

  public static Check error(String message) {
    return new Check(Kind.ERROR, message);
  }

  public boolean isError() {
    return kind == Kind.ERROR;
  }
}
