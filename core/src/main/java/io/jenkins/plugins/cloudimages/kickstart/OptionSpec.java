package io.jenkins.plugins.cloudimages.kickstart;

import java.util.List;

/**
 * One option of a command or section header: its spellings, whether it takes a value and of which
 * type, and whether it is required or deprecated in the syntax version at hand.
 */
record OptionSpec(
    List<String> names,
    Arity arity,
    ValueType type,
    List<String> choices,
    boolean required,
    boolean deprecated) {

  /** How many values the option takes. */
  enum Arity {
    FLAG,
    VALUE,
    OPTIONAL_VALUE
  }

  /** What a value must look like. */
  enum ValueType {
    TEXT,
    INT,
    BOOL,
    CHOICE
  }

  String name() {
    return names.get(0);
  }

  OptionSpec asRequired() {
    return new OptionSpec(names, arity, type, choices, true, deprecated);
  }

  OptionSpec asDeprecated() {
    return new OptionSpec(names, arity, type, choices, required, true);
  }

  /** Why the value is not acceptable, or null when it is. */
  String rejects(String value) {
    switch (type) {
      case INT:
        return isPythonInt(value) ? null : "expects a whole number, not '" + Text.clip(value) + "'";
      case BOOL:
        return isBool(value)
            ? null
            : "expects yes/no, on/off, true/false or 1/0, not '" + Text.clip(value) + "'";
      case CHOICE:
        return choices.contains(value)
            ? null
            : "expects one of " + String.join(", ", choices) + ", not '" + Text.clip(value) + "'";
      default:
        return null;
    }
  }

  /** Python's int(): blanks around, an optional sign, digits with single underscores between. */
  static boolean isPythonInt(String value) {
    String text = value.strip();
    int i = 0;
    if (!text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
      i = 1;
    }
    if (i >= text.length()) {
      return false;
    }
    boolean lastWasDigit = false;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        lastWasDigit = true;
      } else if (c == '_' && lastWasDigit) {
        lastWasDigit = false;
      } else {
        return false;
      }
    }
    return lastWasDigit;
  }

  private static boolean isBool(String value) {
    switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "on":
      case "yes":
      case "true":
      case "1":
      case "off":
      case "no":
      case "false":
      case "0":
        return true;
      default:
        return false;
    }
  }
}
