package io.jenkins.plugins.cloudimages.kickstart;

import java.util.List;

/**
 * What reading a kickstart gives: the flattened kickstart (as much as could be read) and every
 * problem found on the way. A kickstart with an error problem must not be built.
 */
public record ParseResult(Kickstart kickstart, List<Problem> problems) {
  public ParseResult {
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }
}
