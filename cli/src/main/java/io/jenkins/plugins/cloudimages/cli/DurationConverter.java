package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.support.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Durations on the command line, as {@link Durations} reads them. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
