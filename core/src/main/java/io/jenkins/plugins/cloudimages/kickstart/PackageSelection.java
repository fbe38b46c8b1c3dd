package io.jenkins.plugins.cloudimages.kickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code %packages} section asks for: groups ({@code @name}, optionally with {@code
 * --optional} or {@code --nodefaults}), an environment ({@code @^name}), packages, excluded
 * packages ({@code -name}) and excluded groups ({@code -@name}), and the header options.
 *
 * @param groups the groups to install, in order
 * @param environment the environment ({@code @^name}), or null
 * @param packages the packages to install, in order
 * @param excludedPackages the packages to leave out
 * @param excludedGroups the groups to leave out
 * @param nobase {@code --nobase}: do not add the Base group (before RHEL7)
 * @param nocore {@code --nocore}: do not add the Core group (RHEL7 on)
 * @param excludeDocs {@code --excludedocs}
 * @param ignoreMissing {@code --ignoremissing}
 * @param defaultPackages {@code --default}
 * @param instLangs {@code --instLangs}/{@code --inst-langs}, or null
 */
public record PackageSelection(
    List<Group> groups,
    String environment,
    List<String> packages,
    List<String> excludedPackages,
    List<String> excludedGroups,
    boolean nobase,
    boolean nocore,
    boolean excludeDocs,
    boolean ignoreMissing,
    boolean defaultPackages,
    String instLangs) {

  /** How much of a group to install. */
  public enum GroupLevel {
    /** Mandatory and default packages (plain {@code @group}). */
    DEFAULT,
    /** Mandatory packages only ({@code --nodefaults}). */
    REQUIRED,
    /** Mandatory, default and optional packages ({@code --optional}). */
    ALL
  }

  /** One group to install. */
  public record Group(String name, GroupLevel level) {}

  public PackageSelection {
    groups = List.copyOf(groups);
    packages = List.copyOf(packages);
    excludedPackages = List.copyOf(excludedPackages);
    excludedGroups = List.copyOf(excludedGroups);
  }

  /** Reads a {@code %packages} section; lines pykickstart would refuse are skipped. */
  public static PackageSelection from(KickstartSection section) {
    List<Group> groups = new ArrayList<>();
    List<String> packages = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    List<String> excludedGroups = new ArrayList<>();
    String environment = null;
    for (KickstartSection.Line line : section.body()) {
      String item = line.text().strip();
      if (item.isEmpty() || item.startsWith("#")) {
        continue;
      }
      if (item.startsWith("@^")) {
        environment = item.substring(2).strip();
      } else if (item.startsWith("@")) {
        Group group = group(item.substring(1));
        if (group != null && indexOf(groups, group.name()) < 0) {
          groups.add(group);
        }
      } else if (item.startsWith("-@^")) {
        if (item.substring(3).strip().equals(environment)) {
          environment = null;
        }
      } else if (item.startsWith("-@")) {
        String name = item.substring(2).strip();
        excludedGroups.add(name);
        int index = indexOf(groups, name);
        if (index >= 0) {
          groups.remove(index);
        }
      } else if (item.startsWith("-")) {
        String name = item.substring(1).strip();
        packages.remove(name);
        if (!excluded.contains(name)) {
          excluded.add(name);
        }
      } else {
        excluded.remove(item);
        if (!packages.contains(item)) {
          packages.add(item);
        }
      }
    }
    return new PackageSelection(
        groups,
        environment,
        packages,
        excluded,
        excludedGroups,
        section.hasFlag("--nobase"),
        section.hasFlag("--nocore"),
        section.hasFlag("--excludedocs"),
        section.hasFlag("--ignoremissing"),
        section.hasFlag("--default"),
        section.option("--inst-langs").orElse(section.option("--instLangs").orElse(null)));
  }

  /** Reports the group lines pykickstart refuses (both --optional and --nodefaults). */
  static void check(KickstartSection section, KickstartParser.ProblemList problems) {
    for (KickstartSection.Line line : section.body()) {
      String item = line.text().strip();
      if (item.startsWith("@") && !item.startsWith("@^") && group(item.substring(1)) == null) {
        problems.add(
            Problem.error(
                line.location(),
                Problem.Kind.SYNTAX,
                "a group cannot have both --nodefaults and --optional"));
      }
    }
  }

  private static int indexOf(List<Group> groups, String name) {
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A group line without its {@code @}: the name, and --optional or --nodefaults anywhere. */
  private static Group group(String text) {
    boolean optional = false;
    boolean nodefaults = false;
    StringBuilder name = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.equals("--optional")) {
        optional = true;
      } else if (lower.equals("--nodefaults")) {
        nodefaults = true;
      } else if (!word.isEmpty()) {
        name.append(name.length() == 0 ? "" : " ").append(word);
      }
    }
    if (optional && nodefaults) {
      return null;
    }
    GroupLevel level =
        optional ? GroupLevel.ALL : nodefaults ? GroupLevel.REQUIRED : GroupLevel.DEFAULT;
    return new Group(name.toString(), level);
  }
}
