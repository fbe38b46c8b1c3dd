package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the external tools of one build with the build's environment, streams their output into the
 * build log and times each run (build-info.json lists them; the benchmark adds them up).
 */
final class ToolRunner {

  /** One external command and its wall time. */
  record CommandTime(String command, Duration duration, int exitCode) {}

  private final BuildLog log;
  private final Map<String, String> environment = new HashMap<>();
  private final Duration timeout;

  Map<String, String> environment() {
    return Map.copyOf(environment);
  }

  Duration timeout() {
    return timeout;
  }

  private final List<CommandTime> times = new ArrayList<>();

  ToolRunner(BuildLog log, Map<String, String> environment, Duration timeout) {
    this.log = log;
    this.environment.putAll(environment);
    this.timeout = timeout;
  }

  /** Runs and fails the build when the command fails. */
  ProcessRunner.Result run(List<String> command) throws BuildException {
    ProcessRunner.Result result = attempt(command);
    if (!result.succeeded()) {
      throw new BuildException(result.describeFailure());
    }
    return result;
  }

  /** Runs and returns whatever happened. */
  ProcessRunner.Result attempt(List<String> command) throws BuildException {
    return attempt(command, Map.of(), line -> {});
  }

  /** Runs a query whose output is data, not log: timed, output kept but not logged. */
  ProcessRunner.Result capture(List<String> command) throws BuildException {
    return execute(command, Map.of(), null);
  }

  /**
   * Runs with extra environment variables; each output line also goes to {@code tee} (e.g. a
   * script's own log file).
   */
  ProcessRunner.Result attempt(
      List<String> command,
      Map<String, String> extraEnvironment,
      java.util.function.Consumer<String> tee)
      throws BuildException {
    return execute(command, extraEnvironment, tee);
  }

  private ProcessRunner.Result execute(
      List<String> command,
      Map<String, String> extraEnvironment,
      java.util.function.Consumer<String> tee)
      throws BuildException {
    log.log("$ " + String.join(" ", command));
    long start = System.nanoTime();
    ProcessRunner.Result result;
    try {
      result =
          new ProcessRunner()
              .env(environment)
              .env(extraEnvironment)
              .timeout(timeout)
              .streamTo(
                  line -> {
                    if (tee != null) {
                      log.log("    " + line);
                      tee.accept(line);
                    }
                  })
              .run(Executables.resolve(command, environment));
    } catch (java.io.UncheckedIOException e) {
      throw new BuildException(
          command.get(0) + " cannot be run: " + e.getCause().getMessage() + " (is it installed?)",
          e);
    }
    synchronized (times) {
      times.add(
          new CommandTime(
              String.join(" ", command),
              Duration.ofNanos(System.nanoTime() - start),
              result.exitCode()));
    }
    return result;
  }

  List<CommandTime> times() {
    synchronized (times) {
      return List.copyOf(times);
    }
  }

  /** The first line of {@code tool --version}, or "unknown". */
  static String version(String... command) {
    return VERSIONS.computeIfAbsent(String.join(" ", command), key -> probeVersion(command));
  }

  /** Tool versions do not change while the JVM runs; asking dnf costs a Python start-up. */
  private static final Map<String, String> VERSIONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String probeVersion(String... command) {
    try {
      ProcessRunner.Result result =
          new ProcessRunner().timeout(Duration.ofSeconds(20)).run(command);
      return result.output().lines().findFirst().orElse("unknown").trim();
    } catch (RuntimeException e) {
      return "not installed";
    }
  }
}
