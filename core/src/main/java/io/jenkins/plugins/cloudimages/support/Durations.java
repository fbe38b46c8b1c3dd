package io.jenkins.plugins.cloudimages.support;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in options and config files: {@code 10m}, {@code 90s}, {@code 1h},
 * {@code 1h30m}, {@code 500ms}, {@code 2d}; a plain number is seconds.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException with a message naming the text when it is not a positive
   *     duration
   */
  public static Duration parse(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.matches("\\d+")) {
      return positive(Duration.ofSeconds(Long.parseLong(text)), value);
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < text.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      at = m.end();
    }
    if (text.isEmpty() || at != text.length()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a duration (examples: 90s, 10m, 1h, 1h30m)");
    }
    return positive(total, value);
  }

  private static Duration positive(Duration duration, String value) {
    if (duration.isZero()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a positive duration (examples: 90s, 10m, 1h)");
    }
    return duration;
  }
}
