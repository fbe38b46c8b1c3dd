package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Enables and disables systemd units in an image root the way {@code systemctl --root} does for
 * plain units: a symlink in {@code /etc/systemd/system/<target>.wants/} per {@code WantedBy=}.
 */
final class SystemdUnits {
  private static final List<String> UNIT_DIRS =
      List.of("/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system");
  private final RootTree root;

  SystemdUnits(RootTree root) {
    this.root = root;
  }

  /** Returns false when the unit is not in the image. */
  boolean enable(String name) throws IOException {
    String unit = unitName(name);
    Optional<String> file = find(unit);
    if (file.isEmpty()) {
      return false;
    }
    for (String target : wantedBy(file.get())) {
      root.symlink("/etc/systemd/system/" + target + ".wants/" + unit, file.get());
    }
    return true;
  }

  /** Removes every enablement link; returns false when the unit is not in the image. */
  boolean disable(String name) throws IOException {
    String unit = unitName(name);
    Path etc = root.path("/etc/systemd/system");
    if (Files.isDirectory(etc)) {
      try (var dirs = Files.list(etc)) {
        for (Path dir : dirs.filter(d -> d.getFileName().toString().endsWith(".wants")).toList()) {
          Files.deleteIfExists(dir.resolve(unit));
        }
      }
    }
    return find(unit).isPresent();
  }

  private static String unitName(String name) {
    return name.contains(".") ? name : name + ".service";
  }

  private Optional<String> find(String unit) {
    return UNIT_DIRS.stream().map(d -> d + "/" + unit).filter(root::exists).findFirst();
  }

  private List<String> wantedBy(String file) throws IOException {
    List<String> targets = new ArrayList<>();
    for (String line : root.lines(file)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("WantedBy=")) {
        for (String t : trimmed.substring("WantedBy=".length()).trim().split("\\s+")) {
          if (!t.isEmpty()) {
            targets.add(t);
          }
        }
      }
    }
    if (targets.isEmpty()) {
      targets.add("multi-user.target");
    }
    return targets;
  }
}
