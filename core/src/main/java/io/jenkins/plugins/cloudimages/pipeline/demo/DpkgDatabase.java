package io.jenkins.plugins.cloudimages.pipeline.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The installed packages of a Debian tree, read from {@code var/lib/dpkg/status} and the {@code
 * info/*.list} files: name, version, dependencies, virtual names and the paths each one owns.
 */
record DpkgDatabase(Map<String, DpkgPackage> packages) {

  /** One installed dpkg package. */
  record DpkgPackage(
      String name,
      String version,
      List<List<String>> depends,
      List<String> provides,
      List<String> paths) {}

  static DpkgDatabase read(Path root) throws IOException {
    Path dpkg = root.resolve("var/lib/dpkg");
    String status = Files.readString(dpkg.resolve("status"), StandardCharsets.UTF_8);
    Map<String, DpkgPackage> packages = new LinkedHashMap<>();
    for (String paragraph : status.split("\n\n")) {
      Map<String, String> fields = fields(paragraph);
      String name = fields.get("Package");
      if (name == null || !fields.getOrDefault("Status", "").endsWith(" installed")) {
        continue;
      }
      List<List<String>> depends = new ArrayList<>();
      depends.addAll(clauses(fields.get("Pre-Depends")));
      depends.addAll(clauses(fields.get("Depends")));
      List<String> provides =
          clauses(fields.get("Provides")).stream()
              .map(alternatives -> alternatives.get(0))
              .toList();
      packages.put(
          name,
          new DpkgPackage(
              name,
              fields.getOrDefault("Version", "0"),
              depends,
              provides,
              paths(dpkg, name, fields)));
    }
    return new DpkgDatabase(packages);
  }

  private static Map<String, String> fields(String paragraph) {
    Map<String, String> fields = new LinkedHashMap<>();
    String key = null;
    for (String line : paragraph.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        if (key != null) {
          fields.merge(key, "\n" + line.strip(), String::concat);
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        key = line.substring(0, colon);
        fields.put(key, line.substring(colon + 1).strip());
      }
    }
    return fields;
  }

  /** "a (>= 1) | b, c:any" becomes [[a, b], [c]]. */
  static List<List<String>> clauses(String field) {
    List<List<String>> result = new ArrayList<>();
    if (field == null || field.isBlank()) {
      return result;
    }
    for (String clause : field.split(",")) {
      List<String> alternatives = new ArrayList<>();
      for (String alternative : clause.split("\\|")) {
        String name = alternative.strip().split("[\\s(\\[<]", 2)[0];
        int arch = name.indexOf(':');
        alternatives.add(arch < 0 ? name : name.substring(0, arch));
      }
      result.add(alternatives);
    }
    return result;
  }

  private static List<String> paths(Path dpkg, String name, Map<String, String> fields)
      throws IOException {
    String arch = fields.getOrDefault("Architecture", "all");
    for (String candidate : List.of(name + ":" + arch + ".list", name + ".list")) {
      Path list = dpkg.resolve("info").resolve(candidate);
      if (Files.isRegularFile(list)) {
        return Files.readAllLines(list, StandardCharsets.UTF_8).stream()
            .filter(p -> !p.isEmpty() && !p.equals("/."))
            .toList();
      }
    }
    return List.of();
  }

  /** The installed package that is, or provides, this name. */
  Optional<String> resolve(String name) {
    if (packages.containsKey(name)) {
      return Optional.of(name);
    }
    return packages.values().stream()
        .filter(p -> p.provides().contains(name))
        .map(DpkgPackage::name)
        .findFirst();
  }
}
