package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code %packages} sections of a kickstart ask dnf for. (To be replaced by the kickstart
 * package's PackageSelection when that lands.)
 *
 * @param groups {@code @group} names (environments {@code @^env} included with their caret)
 * @param packages package names or globs
 * @param excludedPackages {@code -name}
 * @param excludedGroups {@code -@group}
 */
record PackageRequest(
    List<String> groups,
    List<String> packages,
    List<String> excludedPackages,
    List<String> excludedGroups,
    boolean excludeDocs,
    boolean noBase,
    boolean noCore,
    boolean ignoreMissing,
    boolean excludeWeakDeps,
    boolean multilib,
    Optional<String> installLangs) {

  static PackageRequest from(Kickstart kickstart) {
    List<String> groups = new ArrayList<>();
    List<String> packages = new ArrayList<>();
    List<String> excludedPackages = new ArrayList<>();
    List<String> excludedGroups = new ArrayList<>();
    boolean excludeDocs = false;
    boolean noBase = false;
    boolean noCore = false;
    boolean ignoreMissing = false;
    boolean excludeWeakDeps = false;
    boolean multilib = false;
    Optional<String> langs = Optional.empty();
    for (KickstartSection section : kickstart.sections("packages")) {
      excludeDocs |= section.hasFlag("--excludedocs");
      noBase |= section.hasFlag("--nobase");
      noCore |= section.hasFlag("--nocore");
      ignoreMissing |= section.hasFlag("--ignoremissing");
      excludeWeakDeps |=
          section.hasFlag("--excludeWeakdeps") || section.hasFlag("--exclude-weakdeps");
      multilib |= section.hasFlag("--multilib");
      Optional<String> sectionLangs =
          section.option("--instLangs").or(() -> section.option("--inst-langs"));
      if (sectionLangs.isPresent()) {
        langs = sectionLangs;
      }
      for (KickstartSection.Line line : section.body()) {
        String text = line.text().replaceFirst("#.*", "").trim();
        if (text.isEmpty()) {
          continue;
        }
        String item = text.split("\\s+")[0];
        if (item.startsWith("-@")) {
          excludedGroups.add(item.substring(2));
        } else if (item.startsWith("-")) {
          excludedPackages.add(item.substring(1));
        } else if (item.startsWith("@")) {
          groups.add(item.substring(1));
        } else {
          packages.add(item);
        }
      }
    }
    return new PackageRequest(
        List.copyOf(groups),
        List.copyOf(packages),
        List.copyOf(excludedPackages),
        List.copyOf(excludedGroups),
        excludeDocs,
        noBase,
        noCore,
        ignoreMissing,
        excludeWeakDeps,
        multilib,
        langs);
  }

  /**
   * The groups anaconda installs for this release besides the listed ones: {@code core} unless
   * {@code --nocore} (EL7 and later; EL6 and older always install it), {@code base} on EL6 and
   * older unless {@code --nobase}.
   */
  List<String> implicitGroups(int majorRelease) {
    List<String> implicit = new ArrayList<>();
    if (majorRelease <= 6 || !noCore) {
      implicit.add("core");
    }
    if (majorRelease <= 6 && !noBase) {
      implicit.add("base");
    }
    implicit.removeAll(groups);
    return implicit;
  }
}
