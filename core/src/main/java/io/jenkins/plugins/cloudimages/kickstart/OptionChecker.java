package io.jenkins.plugins.cloudimages.kickstart;

import io.jenkins.plugins.cloudimages.kickstart.OptionSpec.Arity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the words of a command or section header against its options the way pykickstart's
 * argparse-based option parser does: {@code --opt=value} and {@code --opt value}, unambiguous
 * prefixes of long options, {@code --} ending the options, values typed and checked, unknown
 * options refused and deprecated ones warned about.
 */
final class OptionChecker {

  /** What was found: plain arguments, the options given (by first spelling) and any problems. */
  record Outcome(
      List<String> arguments,
      Map<String, String> given,
      List<String> errors,
      List<String> warnings) {}

  private OptionChecker() {}

  static Outcome check(String what, Map<String, OptionSpec> options, List<String> words) {
    List<String> arguments = new ArrayList<>();
    Map<String, String> given = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (optionsEnded || !looksLikeOption(word, options)) {
        arguments.add(word);
        continue;
      }
      if (word.equals("--")) {
        optionsEnded = true;
        continue;
      }
      int equals = word.indexOf('=');
      String spelled = equals < 0 ? word : word.substring(0, equals);
      String explicit = equals < 0 ? null : word.substring(equals + 1);
      OptionSpec option = options.get(spelled);
      if (option == null) {
        List<String> candidates = prefixMatches(spelled, options);
        if (candidates.size() > 1) {
          errors.add(
              "ambiguous option "
                  + Text.clip(spelled)
                  + " of "
                  + what
                  + ": could be "
                  + String.join(", ", candidates));
          continue;
        }
        if (candidates.isEmpty()) {
          if (word.indexOf(' ') >= 0) {
            arguments.add(word);
          } else {
            errors.add("unknown option " + Text.clip(word) + " for " + what);
          }
          continue;
        }
        option = options.get(candidates.get(0));
      }
      if (option.deprecated()) {
        warnings.add(
            "the "
                + option.name()
                + " option of "
                + what
                + " is deprecated and has no effect; remove it");
      }
      String value = explicit;
      if (option.arity() == Arity.FLAG) {
        if (explicit != null) {
          errors.add("option " + option.name() + " of " + what + " takes no value");
          continue;
        }
        value = "";
      } else if (explicit == null) {
        boolean next = i + 1 < words.size() && !looksLikeOption(words.get(i + 1), options);
        if (next) {
          value = words.get(++i);
        } else if (option.arity() == Arity.VALUE) {
          errors.add("option " + option.name() + " of " + what + " needs a value");
          continue;
        } else {
          value = "";
        }
      }
      String rejected =
          value.isEmpty() && option.arity() == Arity.OPTIONAL_VALUE ? null : option.rejects(value);
      if (rejected != null) {
        errors.add("option " + option.name() + " of " + what + " " + rejected);
        continue;
      }
      given.put(option.name(), value);
    }
    return new Outcome(arguments, given, errors, warnings);
  }

  /** Whether argparse would take the word for an option rather than a plain argument. */
  private static boolean looksLikeOption(String word, Map<String, OptionSpec> options) {
    if (word.length() < 2 || word.charAt(0) != '-') {
      return false;
    }
    if (options.containsKey(word)) {
      return true;
    }
    if (isNegativeNumber(word)) {
      return false;
    }
    return true;
  }

  private static boolean isNegativeNumber(String word) {
    boolean digits = false;
    boolean dot = false;
    for (int i = 1; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    return digits;
  }

  private static List<String> prefixMatches(String spelled, Map<String, OptionSpec> options) {
    List<String> matches = new ArrayList<>();
    if (!spelled.startsWith("--") || spelled.length() < 3) {
      return matches;
    }
    for (String name : options.keySet()) {
      if (name.startsWith(spelled)) {
        matches.add(name);
      }
    }
    return matches;
  }
}
