package io.jenkins.plugins.cloudimages.kickstart;

import java.util.List;
import java.util.Map;

/** Checks a section's header line against the options that section takes in the syntax version. */
final class SectionHeaderChecker {
  private SectionHeaderChecker() {}

  static void check(
      SyntaxVersion syntax,
      String section,
      List<String> words,
      SourceLocation at,
      KickstartParser.ProblemList problems) {
    if (section.equals("%traceback") && syntax.atLeast(SyntaxVersion.RHEL9)) {
      problems.add(
          Problem.warning(
              at, Problem.Kind.SYNTAX, "%traceback is deprecated in " + syntax + "; use %onerror"));
    }
    Map<String, OptionSpec> options = SectionTable.headerOptions(section, syntax);
    if (options == null) {
      return;
    }
    OptionChecker.Outcome outcome = OptionChecker.check(section, options, words);
    for (String message : outcome.errors()) {
      problems.add(Problem.error(at, Problem.Kind.SYNTAX, message));
    }
    for (String message : outcome.warnings()) {
      problems.add(Problem.warning(at, Problem.Kind.SYNTAX, message));
    }
    if (!outcome.arguments().isEmpty()) {
      problems.add(
          Problem.error(
              at,
              Problem.Kind.SYNTAX,
              "unexpected argument to " + section + ": " + Text.clip(outcome.arguments().get(0))));
    }
    if (section.equals("%packages")) {
      checkPackagesHeader(syntax, words, outcome, at, problems);
    }
  }

  private static void checkPackagesHeader(
      SyntaxVersion syntax,
      List<String> words,
      OptionChecker.Outcome outcome,
      SourceLocation at,
      KickstartParser.ProblemList problems) {
    Map<String, String> given = outcome.given();
    if (given.containsKey("--default")) {
      for (String other : List.of("--nobase", "--nocore")) {
        if (given.containsKey(other)) {
          problems.add(
              Problem.error(
                  at, Problem.Kind.SYNTAX, "--default and " + other + " cannot be used together"));
        }
      }
    }
    for (String word : words) {
      String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
      String preferred = SectionTable.renamedOption(option, syntax);
      if (preferred != null) {
        problems.add(
            Problem.warning(
                at,
                Problem.Kind.SYNTAX,
                option + " will be deprecated; write " + preferred + " instead"));
      }
    }
  }
}
