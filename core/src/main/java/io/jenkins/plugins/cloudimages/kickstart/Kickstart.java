package io.jenkins.plugins.cloudimages.kickstart;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, flattened kickstart: every {@code %include}/{@code %ksappend} resolved, commands and
 * sections in file order, each with its own location.
 *
 * @param file the top-level kickstart
 * @param syntax the syntax version it was read with
 * @param commands the commands in order
 * @param sections the sections in order
 * @param includes every file read besides {@code file}, in the order first read
 */
public record Kickstart(
    Path file,
    SyntaxVersion syntax,
    List<KickstartCommand> commands,
    List<KickstartSection> sections,
    List<Path> includes) {

  public Kickstart {
    commands = List.copyOf(commands);
    sections = List.copyOf(sections);
    includes = List.copyOf(includes);
  }

  /** Every command with this canonical name, in order. */
  public List<KickstartCommand> commands(String name) {
    return commands.stream().filter(c -> c.name().equals(name)).toList();
  }

  /** The last command with this name (kickstart's "last one wins" for single commands). */
  public Optional<KickstartCommand> command(String name) {
    List<KickstartCommand> all = commands(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Every section with this name ({@code post}, {@code packages} ...), in order. */
  public List<KickstartSection> sections(String name) {
    return sections.stream().filter(s -> s.name().equals(name)).toList();
  }
}
