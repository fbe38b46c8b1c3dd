package io.jenkins.plugins.cloudimages.kickstart;

import io.jenkins.plugins.cloudimages.kickstart.OptionSpec.Arity;
import io.jenkins.plugins.cloudimages.kickstart.OptionSpec.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one syntax version accepts for one command: its options, how many plain arguments, the rules
 * pykickstart checks beyond the options, the commands it cannot be combined with, and whether it is
 * deprecated or removed. Written with a fluent builder by the per-version tables; a later version
 * copies the earlier definition and changes only what changed.
 */
final class CommandSpec {
  static final int MANY = Integer.MAX_VALUE;

  enum Status {
    ACTIVE,
    DEPRECATED,
    REMOVED
  }

  private final String name;
  private Status status = Status.ACTIVE;
  private final Map<String, OptionSpec> options = new LinkedHashMap<>();
  private int minArgs;
  private int maxArgs;
  private boolean loose;
  private boolean unusable;
  private List<String> oneOf = List.of();
  private boolean argsSatisfyOneOf;
  private String warning;
  private List<String> conflicts = List.of();
  private List<String[]> requirements = List.of();
  private int fullArgs;
  private List<String> fullArgsUnless = List.of();
  private String fullArgsMeaning = "the devices it is made of";
  private OptionSpec last;

  CommandSpec(String name) {
    this.name = name;
  }

  CommandSpec copy() {
    CommandSpec copy = new CommandSpec(name);
    copy.status = status;
    copy.options.putAll(options);
    copy.minArgs = minArgs;
    copy.maxArgs = maxArgs;
    copy.loose = loose;
    copy.unusable = unusable;
    copy.oneOf = oneOf;
    copy.argsSatisfyOneOf = argsSatisfyOneOf;
    copy.warning = warning;
    copy.conflicts = conflicts;
    copy.requirements = requirements;
    copy.fullArgs = fullArgs;
    copy.fullArgsUnless = fullArgsUnless;
    copy.fullArgsMeaning = fullArgsMeaning;
    return copy;
  }

  // --- the builder vocabulary of the version tables

  CommandSpec flag(String... names) {
    return option(names, Arity.FLAG, ValueType.TEXT, List.of());
  }

  CommandSpec text(String... names) {
    return option(names, Arity.VALUE, ValueType.TEXT, List.of());
  }

  CommandSpec optionalValue(String... names) {
    return option(names, Arity.OPTIONAL_VALUE, ValueType.TEXT, List.of());
  }

  CommandSpec integer(String... names) {
    return option(names, Arity.VALUE, ValueType.INT, List.of());
  }

  CommandSpec bool(String... names) {
    return option(names, Arity.VALUE, ValueType.BOOL, List.of());
  }

  CommandSpec choice(List<String> choices, String... names) {
    return option(names, Arity.VALUE, ValueType.CHOICE, choices);
  }

  /** Marks the option just added as required. */
  CommandSpec required() {
    return replaceLast(last.asRequired());
  }

  /** Marks the option just added as deprecated: accepted with a warning. */
  CommandSpec deprecated() {
    return replaceLast(last.asDeprecated());
  }

  CommandSpec without(String... names) {
    for (String option : names) {
      OptionSpec removed = options.get(option);
      if (removed != null) {
        for (String spelling : removed.names()) {
          options.remove(spelling);
        }
      }
    }
    return this;
  }

  CommandSpec args(int min, int max) {
    minArgs = min;
    maxArgs = max;
    return this;
  }

  /** The command takes its line as free text (pykickstart does not check its arguments). */
  CommandSpec loose() {
    loose = true;
    return this;
  }

  /** A name pykickstart knows but cannot handle on its own line. */
  CommandSpec unusable() {
    unusable = true;
    return this;
  }

  /** At least one of these options must be given. */
  CommandSpec oneOf(String... names) {
    oneOf = List.of(names);
    argsSatisfyOneOf = false;
    return this;
  }

  /** At least one of these options, or a plain argument, must be given. */
  CommandSpec oneOfOrArgs(String... names) {
    oneOf = List.of(names);
    argsSatisfyOneOf = true;
    return this;
  }

  /** The command works but pykickstart warns about it whenever it is used. */
  CommandSpec warns(String message) {
    warning = message;
    return this;
  }

  /**
   * At least {@code count} plain arguments (e.g. the partitions of a volume group), unless one of
   * these options says an existing device is reused.
   */
  CommandSpec argsUnless(int count, String... options) {
    fullArgs = count;
    fullArgsUnless = List.of(options);
    return this;
  }

  /** What the arguments {@link #argsUnless} asks for are, for its message (e.g. "a password"). */
  CommandSpec meaning(String what) {
    fullArgsMeaning = what;
    return this;
  }

  String fullArgsMeaning() {
    return fullArgsMeaning;
  }

  /** When {@code option} is given, {@code needed} must be given too. */
  CommandSpec requires(String option, String needed) {
    List<String[]> more = new ArrayList<>(requirements);
    more.add(new String[] {option, needed});
    requirements = List.copyOf(more);
    return this;
  }

  /** Pairs of (option, the option it needs). */
  List<String[]> requirements() {
    return requirements;
  }

  int fullArgs() {
    return fullArgs;
  }

  List<String> fullArgsUnless() {
    return fullArgsUnless;
  }

  CommandSpec noRules() {
    requirements = List.of();
    fullArgs = 0;
    fullArgsUnless = List.of();
    oneOf = List.of();
    argsSatisfyOneOf = false;
    warning = null;
    conflicts = List.of();
    return this;
  }

  CommandSpec conflicts(String... commands) {
    conflicts = List.of(commands);
    return this;
  }

  CommandSpec status(Status newStatus) {
    status = newStatus;
    return this;
  }

  private CommandSpec option(String[] names, Arity arity, ValueType type, List<String> choices) {
    without(names);
    return replaceLast(new OptionSpec(List.of(names), arity, type, choices, false, false));
  }

  private CommandSpec replaceLast(OptionSpec option) {
    for (String spelling : option.names()) {
      options.put(spelling, option);
    }
    last = option;
    return this;
  }

  // --- what the checker reads

  String name() {
    return name;
  }

  Status status() {
    return status;
  }

  /** Every spelling of every option (an option with aliases appears once per spelling). */
  Map<String, OptionSpec> options() {
    return options;
  }

  List<OptionSpec> distinctOptions() {
    List<OptionSpec> distinct = new ArrayList<>();
    for (OptionSpec option : options.values()) {
      if (distinct.isEmpty()
          || distinct.get(distinct.size() - 1) != option && !containsSame(distinct, option)) {
        distinct.add(option);
      }
    }
    return distinct;
  }

  private static boolean containsSame(List<OptionSpec> options, OptionSpec option) {
    for (OptionSpec known : options) {
      if (known == option) {
        return true;
      }
    }
    return false;
  }

  int minArgs() {
    return minArgs;
  }

  int maxArgs() {
    return maxArgs;
  }

  boolean isLoose() {
    return loose;
  }

  boolean isUnusable() {
    return unusable;
  }

  List<String> oneOf() {
    return oneOf;
  }

  boolean argsSatisfyOneOf() {
    return argsSatisfyOneOf;
  }

  String warning() {
    return warning;
  }

  List<String> conflicts() {
    return conflicts;
  }
}
