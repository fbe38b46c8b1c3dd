package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.kickstart.ContentPolicy;
import io.jenkins.plugins.cloudimages.kickstart.KickstartValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Warm validation throughput for {@code bench/validate}: validates the given kickstarts many times
 * in one JVM (strict, default policy, metadata included) and prints kickstarts per second. Usage:
 * {@code ValidateBenchmark ROUNDS FILE...}.
 */
public final class ValidateBenchmark {
  private ValidateBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ValidateBenchmark ROUNDS FILE...");
      System.exit(Cloudimg.USAGE);
    }
    int rounds = Integer.parseInt(args[0]);
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      files.add(Path.of(args[i]));
    }
    KickstartValidator validator =
        new KickstartValidator(
            new KickstartValidator.Options(null, true, ContentPolicy.defaults(), null));
    int invalid = validateAll(validator, files, Math.max(1, rounds / 5));
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    validateAll(validator, files, rounds);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    long kickstarts = (long) rounds * files.size();
    System.out.printf(
        "warm: %d kickstarts (%d files x %d rounds, %d invalid per round) in %.2f s:"
            + " %.0f kickstarts/s, %.3f ms per kickstart; CPU %.3f ms per kickstart%n",
        kickstarts,
        files.size(),
        rounds,
        invalid,
        seconds,
        kickstarts / seconds,
        seconds * 1000 / kickstarts,
        cpuSeconds * 1000 / kickstarts);
  }

  private static int validateAll(KickstartValidator validator, List<Path> files, int rounds)
      throws IOException {
    int invalid = 0;
    for (int round = 0; round < rounds; round++) {
      invalid = 0;
      for (Path file : files) {
        if (!validator.validate(file).valid()) {
          invalid++;
        }
      }
    }
    return invalid;
  }
}
