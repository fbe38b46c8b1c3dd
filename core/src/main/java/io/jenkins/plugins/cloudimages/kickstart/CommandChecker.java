package io.jenkins.plugins.cloudimages.kickstart;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one command line against the version's command table, as pykickstart's handler does:
 * unknown, removed and deprecated commands, options and their values, plain arguments, required
 * options, commands that cannot be combined, and data defined twice.
 */
final class CommandChecker {
  private final SyntaxVersion syntax;
  private final CommandTable table;
  private final KickstartParser.ProblemList problems;
  private final DuplicateCheck duplicates;
  private final Set<String> seen = new HashSet<>();

  CommandChecker(SyntaxVersion syntax, KickstartParser.ProblemList problems) {
    this.syntax = syntax;
    this.table = CommandTable.of(syntax);
    this.problems = problems;
    this.duplicates = new DuplicateCheck(syntax);
  }

  /** The command the words make, or null when the command itself is unknown. */
  KickstartCommand check(List<String> words, SourceLocation at) {
    String name = words.get(0);
    List<String> arguments = words.subList(1, words.size());
    Optional<CommandSpec> found = table.find(name);
    if (found.isEmpty()) {
      error(at, "unknown command " + Text.clip(name) + " in " + syntax + " syntax");
      return null;
    }
    CommandSpec spec = found.get();
    String canonical = canonical(name);
    checkConflicts(spec, name, at);
    seen.add(canonical);
    KickstartCommand command = new KickstartCommand(canonical, arguments, at);
    switch (spec.status()) {
      case DEPRECATED:
        warning(
            at,
            "the "
                + name
                + " command is deprecated in "
                + syntax
                + " and has no effect; remove it");
        return command;
      case REMOVED:
        error(at, "the " + name + " command was removed in " + syntax);
        return command;
      default:
        break;
    }
    if (spec.isUnusable()) {
      error(at, name + " is not a command of its own; use url, cdrom, harddrive or nfs");
      return command;
    }
    if (spec.warning() != null) {
      warning(at, spec.warning());
    }
    if (spec.isLoose()) {
      return command;
    }
    OptionChecker.Outcome outcome = OptionChecker.check(name, spec.options(), arguments);
    for (String message : outcome.errors()) {
      error(at, message);
    }
    for (String message : outcome.warnings()) {
      warning(at, message);
    }
    checkRequired(spec, name, outcome, at);
    checkArgumentCount(spec, name, outcome, at);
    if (outcome.errors().isEmpty()) {
      String duplicate = duplicates.check(canonical, outcome, at);
      if (duplicate != null) {
        warning(at, duplicate);
      }
    }
    return command;
  }

  /** {@code partition} is another name of {@code part}; every other name stands for itself. */
  static String canonical(String name) {
    return name.equals("partition") ? "part" : name;
  }

  private void checkConflicts(CommandSpec spec, String name, SourceLocation at) {
    for (String other : spec.conflicts()) {
      if (seen.contains(canonical(other))) {
        error(at, "the " + name + " and " + other + " commands cannot be used together");
        return;
      }
    }
  }

  private void checkRequired(
      CommandSpec spec, String name, OptionChecker.Outcome outcome, SourceLocation at) {
    for (OptionSpec option : spec.distinctOptions()) {
      if (option.required() && !outcome.given().containsKey(option.name())) {
        error(at, name + " needs the " + option.name() + " option");
      }
    }
    for (String[] requirement : spec.requirements()) {
      if (outcome.given().containsKey(requirement[0])
          && !outcome.given().containsKey(requirement[1])) {
        error(at, requirement[0] + " of " + name + " needs " + requirement[1]);
      }
    }
    if (spec.oneOf().isEmpty() || (spec.argsSatisfyOneOf() && !outcome.arguments().isEmpty())) {
      return;
    }
    for (String wanted : spec.oneOf()) {
      OptionSpec option = spec.options().get(wanted);
      if (option != null && outcome.given().containsKey(option.name())) {
        return;
      }
    }
    error(
        at,
        name
            + " needs one of "
            + String.join(", ", spec.oneOf())
            + (spec.argsSatisfyOneOf() ? " or an argument" : ""));
  }

  private void checkArgumentCount(
      CommandSpec spec, String name, OptionChecker.Outcome outcome, SourceLocation at) {
    List<String> arguments = outcome.arguments();
    int count = arguments.size();
    if (count < spec.fullArgs()
        && count >= spec.minArgs()
        && !givesAny(outcome, spec.fullArgsUnless())) {
      error(
          at,
          name
              + " needs "
              + spec.fullArgsMeaning()
              + " (or "
              + String.join(" or ", spec.fullArgsUnless())
              + ")");
      return;
    }
    if (count < spec.minArgs()) {
      error(
          at,
          name
              + " needs "
              + (spec.minArgs() == spec.maxArgs() ? "" : "at least ")
              + spec.minArgs()
              + (spec.minArgs() == 1 ? " argument" : " arguments")
              + ", got "
              + count);
    } else if (count > spec.maxArgs()) {
      List<String> extra = arguments.subList(spec.maxArgs(), count);
      StringBuilder shown = new StringBuilder();
      for (String word : extra.subList(0, Math.min(extra.size(), 5))) {
        shown.append(shown.length() == 0 ? "" : " ").append(Text.clip(word));
      }
      error(
          at,
          "unexpected "
              + (extra.size() == 1 ? "argument" : "arguments")
              + " to "
              + name
              + ": "
              + shown);
    }
  }

  private static boolean givesAny(OptionChecker.Outcome outcome, List<String> options) {
    for (String option : options) {
      if (outcome.given().containsKey(option)) {
        return true;
      }
    }
    return false;
  }

  private void error(SourceLocation at, String message) {
    problems.add(Problem.error(at, Problem.Kind.SYNTAX, message));
  }

  private void warning(SourceLocation at, String message) {
    problems.add(Problem.warning(at, Problem.Kind.SYNTAX, message));
  }
}
