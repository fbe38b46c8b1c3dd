package io.jenkins.plugins.cloudimages.kickstart;

import java.util.List;
import java.util.Optional;

/**
 * A {@code %section ... %end} block: its name without the percent sign ({@code packages}, {@code
 * post}, {@code pre}, ...), the words on its header line and its body lines with their locations.
 */
public record KickstartSection(
    String name, List<String> headerWords, List<Line> body, SourceLocation location) {

  /** One line of a section body, verbatim (no trailing newline). */
  public record Line(String text, SourceLocation location) {}

  public KickstartSection {
    headerWords = List.copyOf(headerWords);
    body = List.copyOf(body);
  }

  /** The value of a header option such as {@code --interpreter=/usr/bin/python}. */
  public Optional<String> option(String option) {
    return new KickstartCommand("%" + name, headerWords, location).option(option);
  }

  public boolean hasFlag(String flag) {
    return new KickstartCommand("%" + name, headerWords, location).hasFlag(flag);
  }

  /** The body as one script, lines joined with newlines. */
  public String script() {
    StringBuilder text = new StringBuilder();
    for (Line line : body) {
      text.append(line.text()).append('\n');
    }
    return text.toString();
  }
}
