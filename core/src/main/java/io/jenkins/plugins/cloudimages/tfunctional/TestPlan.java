package io.jenkins.plugins.cloudimages.tfunctional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which files of a suite run, in which order, following runtests.sh: every {@code tests/0_*}
 * directory first (the library {@code 0_lib} is sourced, not run), then {@code p_*}, {@code r_*}
 * and {@code z_*}, each group sorted by path; only executable files; never a file whose name
 * contains {@code readme} (any case) or starts with {@code _}. A selection of directories keeps the
 * {@code 0_*} ones and adds only those selected. Files in the skip list for the release stay in the
 * plan as skipped.
 */
public final class TestPlan {
  static final String LIBRARY_DIRECTORY = "0_lib";
  private static final List<String> DEFAULT_GROUPS = List.of("0_", "p_", "r_", "z_");

  private final List<PlannedTest> tests;

  private TestPlan(List<PlannedTest> tests) {
    this.tests = List.copyOf(tests);
  }

  /**
   * @param files every file of the suite
   * @param selection test directories to run (e.g. {@code p_bash} or {@code tests/p_bash}), empty
   *     for the whole suite
   * @param skips the skip list
   * @param release the image's major release, matched against the skip list's first field
   * @throws TFunctionalException when a selected directory is not in the suite
   */
  public static TestPlan of(
      List<SuiteFile> files, List<String> selection, SkipList skips, String release)
      throws TFunctionalException {
    Set<String> directories = new TreeSet<>();
    for (SuiteFile file : files) {
      String dir = directoryOf(file.path());
      if (dir != null) {
        directories.add(dir);
      }
    }
    Set<String> selected = new LinkedHashSet<>();
    for (String wanted : selection) {
      String dir = normalizeDirectory(wanted);
      if (dir.isEmpty()) {
        continue;
      }
      if (!directories.contains(dir)) {
        throw new TFunctionalException(
            "the suite has no test directory tests/"
                + dir
                + " (it has "
                + summary(directories)
                + ")");
      }
      selected.add(dir);
    }
    List<PlannedTest> planned = new ArrayList<>();
    files.stream()
        .filter(SuiteFile::executable)
        .filter(f -> directoryOf(f.path()) != null)
        .filter(f -> !LIBRARY_DIRECTORY.equals(directoryOf(f.path())))
        .filter(f -> isTestName(f.path()))
        .filter(f -> group(directoryOf(f.path()), selected) >= 0)
        .sorted(
            Comparator.comparingInt((SuiteFile f) -> group(directoryOf(f.path()), selected))
                .thenComparing(SuiteFile::path))
        .forEach(
            f ->
                planned.add(
                    new PlannedTest(
                        f.path(),
                        skips
                            .find(release, f.path())
                            .map(e -> "disabled in " + e.source() + ": " + e.reason())
                            .orElse(null))));
    return new TestPlan(planned);
  }

  /** Run group of a directory, or -1 when it does not run. */
  private static int group(String dir, Set<String> selected) {
    int group = -1;
    for (int i = 0; i < DEFAULT_GROUPS.size(); i++) {
      if (dir.startsWith(DEFAULT_GROUPS.get(i))) {
        group = i;
      }
    }
    if (group == 0) {
      return 0;
    }
    if (selected.isEmpty()) {
      return group;
    }
    if (!selected.contains(dir)) {
      return -1;
    }
    return group < 0 ? DEFAULT_GROUPS.size() : group;
  }

  /** The test directory of a path like {@code tests/p_x/file}, or null for other paths. */
  static String directoryOf(String path) {
    String p = SkipList.normalize(path);
    if (!p.startsWith("tests/")) {
      return null;
    }
    String rest = p.substring("tests/".length());
    int slash = rest.indexOf('/');
    return slash <= 0 ? null : rest.substring(0, slash);
  }

  static boolean isTestName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return !name.toLowerCase(Locale.ROOT).contains("readme") && !name.startsWith("_");
  }

  static String normalizeDirectory(String selection) {
    String dir = SkipList.normalize(selection.strip());
    if (dir.startsWith("tests/")) {
      dir = dir.substring("tests/".length());
    }
    while (dir.endsWith("/")) {
      dir = dir.substring(0, dir.length() - 1);
    }
    return dir;
  }

  private static String summary(Set<String> directories) {
    if (directories.isEmpty()) {
      return "none";
    }
    List<String> shown = directories.stream().limit(12).toList();
    return String.join(", ", shown) + (directories.size() > shown.size() ? ", ..." : "");
  }

  public List<PlannedTest> tests() {
    return tests;
  }

  /** The files that run (not disabled by the skip list). */
  public List<PlannedTest> runnable() {
    return tests.stream().filter(PlannedTest::runs).toList();
  }
}
