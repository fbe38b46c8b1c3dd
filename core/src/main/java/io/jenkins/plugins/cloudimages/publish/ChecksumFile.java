package io.jenkins.plugins.cloudimages.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code sha256sum.txt} in the coreutils format that {@code sha256sum -c} reads: one {@code <hex>
 * <name>} line per file. Lines this class does not understand are kept as they were.
 */
public final class ChecksumFile {
  private static final Pattern ENTRY = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

  private final List<String> lines;
  private final Map<String, Integer> lineOfName = new LinkedHashMap<>();

  private ChecksumFile(List<String> lines) {
    this.lines = new ArrayList<>(lines);
    for (int i = 0; i < this.lines.size(); i++) {
      Matcher m = ENTRY.matcher(this.lines.get(i));
      if (m.matches()) {
        lineOfName.put(m.group(2), i);
      }
    }
  }

  public static ChecksumFile parse(String text) {
    return new ChecksumFile(text.lines().filter(line -> !line.isBlank()).toList());
  }

  public static ChecksumFile empty() {
    return new ChecksumFile(List.of());
  }

  public Optional<String> digestOf(String name) {
    Integer line = lineOfName.get(name);
    if (line == null) {
      return Optional.empty();
    }
    Matcher m = ENTRY.matcher(lines.get(line));
    return m.matches()
        ? Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT))
        : Optional.empty();
  }

  /** Adds the entry, or replaces the one for the same name. */
  public ChecksumFile with(String name, String sha256) {
    if (name.contains("\n") || name.contains("\\")) {
      throw new IllegalArgumentException(
          "file name " + name + " cannot be listed in sha256sum.txt");
    }
    ChecksumFile copy = new ChecksumFile(lines);
    String line = sha256.toLowerCase(java.util.Locale.ROOT) + "  " + name;
    Integer existing = copy.lineOfName.get(name);
    if (existing == null) {
      copy.lines.add(line);
      copy.lineOfName.put(name, copy.lines.size() - 1);
    } else {
      copy.lines.set(existing, line);
    }
    return copy;
  }

  public List<String> names() {
    return List.copyOf(lineOfName.keySet());
  }

  public String text() {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
