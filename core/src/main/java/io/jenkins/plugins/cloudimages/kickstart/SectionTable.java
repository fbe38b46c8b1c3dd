package io.jenkins.plugins.cloudimages.kickstart;

import io.jenkins.plugins.cloudimages.kickstart.OptionSpec.Arity;
import io.jenkins.plugins.cloudimages.kickstart.OptionSpec.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections pykickstart knows (the same names in every version) and the header options each
 * accepts in one syntax version. {@code %addon} and {@code %anaconda} headers are not checked, as
 * in pykickstart.
 */
final class SectionTable {
  static final List<String> NAMES =
      List.of(
          "%packages",
          "%pre",
          "%pre-install",
          "%post",
          "%onerror",
          "%traceback",
          "%addon",
          "%anaconda",
          "%certificate");

  private SectionTable() {}

  static boolean isSection(String word) {
    return NAMES.contains(word);
  }

  /** The header options of a section, or null when its header is not checked. */
  static Map<String, OptionSpec> headerOptions(String section, SyntaxVersion version) {
    Map<String, OptionSpec> options = new HashMap<>();
    switch (section) {
      case "%packages":
        packages(version, options);
        return options;
      case "%post":
        add(options, Arity.FLAG, ValueType.TEXT, false, "--nochroot");
        script(options);
        return options;
      case "%pre":
      case "%pre-install":
      case "%onerror":
      case "%traceback":
        script(options);
        return options;
      case "%certificate":
        add(options, Arity.VALUE, ValueType.TEXT, false, "--filename");
        add(options, Arity.VALUE, ValueType.TEXT, false, "--dir");
        add(options, Arity.VALUE, ValueType.TEXT, false, "--type");
        return options;
      default:
        return null;
    }
  }

  private static void script(Map<String, OptionSpec> options) {
    add(options, Arity.FLAG, ValueType.TEXT, false, "--erroronfail");
    add(options, Arity.VALUE, ValueType.TEXT, false, "--interpreter");
    add(options, Arity.VALUE, ValueType.TEXT, false, "--log", "--logfile");
  }

  /** %packages options, following pykickstart's PackageSection version by version. */
  private static void packages(SyntaxVersion version, Map<String, OptionSpec> options) {
    add(options, Arity.FLAG, ValueType.TEXT, false, "--excludedocs");
    add(options, Arity.FLAG, ValueType.TEXT, false, "--ignoremissing");
    if (version == SyntaxVersion.RHEL5) {
      add(options, Arity.FLAG, ValueType.TEXT, true, "--ignoredeps");
      add(options, Arity.FLAG, ValueType.TEXT, true, "--resolvedeps");
      return;
    }
    add(options, Arity.FLAG, ValueType.TEXT, false, "--default");
    if (!version.atLeast(SyntaxVersion.RHEL10)) {
      add(options, Arity.VALUE, ValueType.TEXT, false, "--instLangs");
    }
    if (version == SyntaxVersion.RHEL6) {
      add(options, Arity.FLAG, ValueType.TEXT, false, "--nobase");
      return;
    }
    if (version == SyntaxVersion.RHEL7) {
      add(options, Arity.FLAG, ValueType.TEXT, true, "--nobase");
    }
    add(options, Arity.FLAG, ValueType.TEXT, false, "--multilib");
    add(options, Arity.FLAG, ValueType.TEXT, false, "--nocore");
    add(options, Arity.VALUE, ValueType.INT, false, "--timeout");
    add(options, Arity.VALUE, ValueType.INT, false, "--retries");
    if (version == SyntaxVersion.RHEL7) {
      return;
    }
    if (!version.atLeast(SyntaxVersion.RHEL10)) {
      add(options, Arity.FLAG, ValueType.TEXT, false, "--excludeWeakdeps");
    }
    if (version.atLeast(SyntaxVersion.RHEL9)) {
      add(options, Arity.VALUE, ValueType.TEXT, false, "--inst-langs");
      add(options, Arity.FLAG, ValueType.TEXT, false, "--exclude-weakdeps");
    }
  }

  /** The old spelling of an option that this version warns will be deprecated, or null. */
  static String renamedOption(String option, SyntaxVersion version) {
    if (version != SyntaxVersion.RHEL9) {
      return null;
    }
    switch (option) {
      case "--instLangs":
        return "--inst-langs";
      case "--excludeWeakdeps":
        return "--exclude-weakdeps";
      default:
        return null;
    }
  }

  private static void add(
      Map<String, OptionSpec> options,
      Arity arity,
      ValueType type,
      boolean deprecated,
      String... names) {
    OptionSpec option = new OptionSpec(List.of(names), arity, type, List.of(), false, deprecated);
    for (String name : names) {
      options.put(name, option);
    }
  }
}
