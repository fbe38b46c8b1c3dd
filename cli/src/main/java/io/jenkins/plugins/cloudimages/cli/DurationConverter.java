package io.jenkins.plugins.cloudimages.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations on the command line: {@code 10m}, {@code 90s}, {@code 1h}, {@code 1h30m}, {@code
 * 500ms}, {@code 2d}; a plain number is seconds.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(java.util.Locale.ROOT);
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
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration (examples: 90s, 10m, 1h, 1h30m)");
    }
    return positive(total, value);
  }

  private static Duration positive(Duration duration, String value) {
    if (duration.isZero()) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a positive duration (examples: 90s, 10m, 1h)");
    }
    return duration;
  }
}
