package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartSection;
import io.jenkins.plugins.cloudimages.kickstart.PackageSelection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@code %packages} sections of a kickstart ask dnf for: the sections read by {@link
 * PackageSelection}, merged, plus the header options dnf needs that the selection does not carry.
 *
 * @param groups {@code @group} names (an environment {@code @^env} included as {@code ^env})
 * @param groupPackageTypes dnf's group_package_types for the widest level any group asks for
 */
record PackageRequest(
    List<String> groups,
    List<String> packages,
    List<String> excludedPackages,
    List<String> excludedGroups,
    String groupPackageTypes,
    boolean excludeDocs,
    boolean noBase,
    boolean noCore,
    boolean ignoreMissing,
    boolean excludeWeakDeps,
    boolean multilib,
    Optional<String> installLangs) {

  static PackageRequest from(Kickstart kickstart) {
    Set<String> groups = new LinkedHashSet<>();
    Set<String> packages = new LinkedHashSet<>();
    Set<String> excludedPackages = new LinkedHashSet<>();
    Set<String> excludedGroups = new LinkedHashSet<>();
    Set<PackageSelection.GroupLevel> levels = new java.util.HashSet<>();
    boolean excludeDocs = false;
    boolean noBase = false;
    boolean noCore = false;
    boolean ignoreMissing = false;
    boolean excludeWeakDeps = false;
    boolean multilib = false;
    Optional<String> langs = Optional.empty();
    for (KickstartSection section : kickstart.sections("packages")) {
      PackageSelection selection = PackageSelection.from(section);
      if (selection.environment() != null) {
        groups.add("^" + selection.environment());
      }
      for (PackageSelection.Group group : selection.groups()) {
        groups.add(group.name());
        levels.add(group.level());
      }
      packages.addAll(selection.packages());
      excludedPackages.addAll(selection.excludedPackages());
      excludedGroups.addAll(selection.excludedGroups());
      excludeDocs |= selection.excludeDocs();
      noBase |= selection.nobase();
      noCore |= selection.nocore();
      ignoreMissing |= selection.ignoreMissing();
      excludeWeakDeps |=
          section.hasFlag("--excludeWeakdeps") || section.hasFlag("--exclude-weakdeps");
      multilib |= section.hasFlag("--multilib");
      if (selection.instLangs() != null) {
        langs = Optional.of(selection.instLangs());
      }
    }
    String types =
        levels.contains(PackageSelection.GroupLevel.ALL)
            ? "mandatory,default,optional"
            : levels.equals(Set.of(PackageSelection.GroupLevel.REQUIRED))
                ? "mandatory"
                : "mandatory,default";
    return new PackageRequest(
        List.copyOf(groups),
        List.copyOf(packages),
        List.copyOf(excludedPackages),
        List.copyOf(excludedGroups),
        types,
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
