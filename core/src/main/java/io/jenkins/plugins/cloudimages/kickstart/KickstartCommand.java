package io.jenkins.plugins.cloudimages.kickstart;

import java.util.List;
import java.util.Optional;

/**
 * One command line of a kickstart, split as a shell would (quotes removed), with the canonical
 * command name (aliases resolved, e.g. {@code partition} becomes {@code part}).
 *
 * @param name the canonical command name
 * @param words the arguments after the command name, quotes removed
 * @param location where the line is
 */
public record KickstartCommand(String name, List<String> words, SourceLocation location) {
  public KickstartCommand {
    words = List.copyOf(words);
  }

  /**
   * The value of {@code --opt=value} or {@code --opt value}; empty when absent. The last occurrence
   * wins, as in pykickstart.
   */
  public Optional<String> option(String option) {
    String value = null;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.startsWith(option + "=")) {
        value = word.substring(option.length() + 1);
      } else if (word.equals(option) && i + 1 < words.size()) {
        value = words.get(i + 1);
      }
    }
    return Optional.ofNullable(value);
  }

  /** Whether a flag such as {@code --nochroot} is present. */
  public boolean hasFlag(String flag) {
    return words.stream().anyMatch(w -> w.equals(flag) || w.startsWith(flag + "="));
  }

  /** The words that are not options nor option values, e.g. the mount point of {@code part}. */
  public List<String> positional(java.util.Set<String> optionsTakingValues) {
    java.util.List<String> result = new java.util.ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.startsWith("--")) {
        if (!word.contains("=") && optionsTakingValues.contains(word)) {
          i++;
        }
      } else {
        result.add(word);
      }
    }
    return result;
  }
}
