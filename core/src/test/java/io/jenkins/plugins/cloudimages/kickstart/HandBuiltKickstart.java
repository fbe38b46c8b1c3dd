package io.jenkins.plugins.cloudimages.kickstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link Kickstart} values by hand, to test the stages after the parser on their own. */
final class HandBuiltKickstart {
  private final Path file;
  private final List<KickstartCommand> commands = new ArrayList<>();
  private final List<KickstartSection> sections = new ArrayList<>();
  private int line = 1;

  HandBuiltKickstart(Path file) {
    this.file = file;
  }

  static HandBuiltKickstart in(String file) {
    return new HandBuiltKickstart(Path.of(file));
  }

  /** A command on the next line. */
  HandBuiltKickstart command(String name, String... words) {
    commands.add(new KickstartCommand(name, List.of(words), new SourceLocation(file, line++)));
    return this;
  }

  /** A section whose header is on the next line, then one line per body line, then %end. */
  HandBuiltKickstart section(String name, String... body) {
    SourceLocation header = new SourceLocation(file, line++);
    List<KickstartSection.Line> lines = new ArrayList<>();
    for (String text : body) {
      lines.add(new KickstartSection.Line(text, new SourceLocation(file, line++)));
    }
    line++;
    sections.add(new KickstartSection(name, List.of(), lines, header));
    return this;
  }

  Kickstart build(SyntaxVersion syntax) {
    return new Kickstart(file, syntax, commands, sections, List.of());
  }

  Kickstart build() {
    return build(SyntaxVersion.RHEL6);
  }
}
