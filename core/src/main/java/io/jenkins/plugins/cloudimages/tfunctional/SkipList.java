package io.jenkins.plugins.cloudimages.tfunctional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tests disabled on a release, in the suite's {@code skipped-tests.list} format: one {@code
 * <release>|<path>|<reason>} per line, {@code #} comments and blank lines ignored. The path is
 * relative to the suite root, e.g. {@code tests/p_gzip/30-gzexe-test}.
 */
public final class SkipList {

  /** One disabled test. */
  public record Entry(String release, String path, String reason, String source, int line) {}

  private final List<Entry> entries;

  private SkipList(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static SkipList empty() {
    return new SkipList(List.of());
  }

  /** Reads a skip list given by the user; a malformed line is an error naming file and line. */
  public static SkipList read(Path file) throws TFunctionalException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TFunctionalException("skip list " + file + " cannot be read: " + e.getMessage(), e);
    }
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    parse(text, file.toString(), entries, problems);
    if (!problems.isEmpty()) {
      throw new TFunctionalException(String.join("\n", problems));
    }
    return new SkipList(entries);
  }

  /**
   * Parses a suite's own list, leniently as runtests.sh does: malformed lines are reported to
   * {@code problems} and otherwise ignored.
   */
  public static SkipList parseLenient(String text, String source, List<String> problems) {
    List<Entry> entries = new ArrayList<>();
    parse(text, source, entries, problems);
    return new SkipList(entries);
  }

  private static void parse(
      String text, String source, List<Entry> entries, List<String> problems) {
    int number = 0;
    for (String raw : text.split("\n", -1)) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\|", 3);
      if (fields.length < 2 || fields[0].isBlank() || fields[1].isBlank()) {
        problems.add(
            source + ":" + number + ": error: expected <release>|<path>|<reason>, got: " + line);
        continue;
      }
      String reason = fields.length == 3 ? fields[2].strip() : "";
      entries.add(
          new Entry(fields[0].strip(), normalize(fields[1].strip()), reason, source, number));
    }
  }

  /** This list followed by {@code other}'s entries. */
  public SkipList plus(SkipList other) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(other.entries);
    return new SkipList(all);
  }

  /** Why {@code path} is disabled on {@code release}, if it is. */
  public Optional<Entry> find(String release, String path) {
    String wanted = normalize(path);
    return entries.stream()
        .filter(e -> e.release().equals(release) && e.path().equals(wanted))
        .findFirst();
  }

  public List<Entry> entries() {
    return entries;
  }

  static String normalize(String path) {
    String p = path;
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p;
  }
}
