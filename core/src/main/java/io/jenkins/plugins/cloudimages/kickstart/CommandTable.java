package io.jenkins.plugins.cloudimages.kickstart;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every command one syntax version knows, as pykickstart's handler for that version does. Each
 * version's table starts from a copy of the previous version's and applies only what changed
 * (Rhel6Commands ... Rhel10Commands); tables are built on first use and then shared.
 */
final class CommandTable {
  private static final Map<SyntaxVersion, CommandTable> BUILT = new EnumMap<>(SyntaxVersion.class);

  private final Map<String, CommandSpec> commands;

  private CommandTable(Map<String, CommandSpec> commands) {
    this.commands = commands;
  }

  static CommandTable of(SyntaxVersion version) {
    synchronized (BUILT) {
      CommandTable table = BUILT.get(version);
      if (table == null) {
        Builder builder =
            version == SyntaxVersion.RHEL5
                ? new Builder(new TreeMap<>())
                : of(SyntaxVersion.values()[version.ordinal() - 1]).toBuilder();
        define(version, builder);
        table = new CommandTable(Collections.unmodifiableMap(builder.commands));
        BUILT.put(version, table);
      }
      return table;
    }
  }

  private static void define(SyntaxVersion version, Builder builder) {
    switch (version) {
      case RHEL5:
        Rhel5Commands.define(builder);
        break;
      case RHEL6:
        Rhel6Commands.define(builder);
        break;
      case RHEL7:
        Rhel7Commands.define(builder);
        break;
      case RHEL8:
        Rhel8Commands.define(builder);
        break;
      case RHEL9:
        Rhel9Commands.define(builder);
        break;
      default:
        Rhel10Commands.define(builder);
        break;
    }
  }

  /** The command of this name; {@code partition} is defined once, as {@code part}. */
  Optional<CommandSpec> find(String name) {
    return Optional.ofNullable(commands.get(CommandChecker.canonical(name)));
  }

  private Builder toBuilder() {
    Map<String, CommandSpec> copy = new TreeMap<>();
    for (Map.Entry<String, CommandSpec> entry : commands.entrySet()) {
      copy.put(entry.getKey(), entry.getValue().copy());
    }
    return new Builder(copy);
  }

  /** The vocabulary of the per-version tables. */
  static final class Builder {
    private final Map<String, CommandSpec> commands;

    private Builder(Map<String, CommandSpec> commands) {
      this.commands = commands;
    }

    /** A new command, or a complete new definition of an existing one. */
    CommandSpec command(String name) {
      CommandSpec spec = new CommandSpec(name);
      commands.put(name, spec);
      return spec;
    }

    /** The previous version's definition, to change. */
    CommandSpec change(String name) {
      CommandSpec spec = commands.get(name);
      if (spec == null) {
        throw new IllegalStateException("no earlier definition of " + name);
      }
      return spec;
    }

    /** Still known, but only warns that it has no effect any more. */
    void deprecate(String name) {
      commands.put(name, new CommandSpec(name).status(CommandSpec.Status.DEPRECATED));
    }

    /** A command this version only knows as deprecated. */
    void deprecated(String name) {
      deprecate(name);
    }

    /** Still known, but an error to use. */
    void remove(String name) {
      commands.put(name, new CommandSpec(name).status(CommandSpec.Status.REMOVED));
    }

    /** No longer known at all: an unknown command. */
    void drop(String name) {
      commands.remove(name);
    }
  }
}
