package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A long installer run (virt-install, livemedia-creator) watched two ways: an overall timeout, and
 * an inactivity watchdog that kills the process tree when neither its output nor its console log
 * file grew for a while (an installer stuck at a prompt prints nothing). The console log is copied
 * into the build log as it grows.
 */
final class WatchedProcess {

  /** How a run ended. */
  enum End {
    EXITED,
    TIMED_OUT,
    INACTIVE
  }

  /** The end and exit code (-1 when killed). */
  record Outcome(End end, int exitCode) {
    boolean succeeded() {
      return end == End.EXITED && exitCode == 0;
    }

    /** Why {@code tool} did not succeed; {@code silence} says what stopped growing. */
    String describe(String tool, String silence) {
      return switch (end) {
        case TIMED_OUT -> tool + " did not finish within the build timeout";
        case INACTIVE -> tool + " was killed by the inactivity watchdog (" + silence + ")";
        case EXITED -> tool + " exited with " + exitCode;
      };
    }
  }

  /** Logs the command line, then runs it for a build with the build's limits. */
  static Outcome run(AbstractImageBuilder.Session s, List<String> command, Path consoleLog)
      throws BuildException {
    s.log().log("$ " + String.join(" ", command));
    return new WatchedProcess(s.request().timeout(), s.request().inactivity(), s.log()::log)
        .run(
            Executables.resolve(command, s.tools().environment()),
            s.tools().environment(),
            Optional.of(consoleLog));
  }

  private static final long POLL_MILLIS = 200;
  private final Duration timeout;
  private final Duration inactivity;
  private final Consumer<String> log;

  WatchedProcess(Duration timeout, Duration inactivity, Consumer<String> log) {
    this.timeout = timeout;
    this.inactivity = inactivity;
    this.log = log;
  }

  Outcome run(List<String> command, Map<String, String> environment, Optional<Path> consoleLog)
      throws BuildException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new BuildEnvironmentException("cannot run " + command.get(0) + ": " + e.getMessage());
    }
    AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    Thread pump = new Thread(() -> pump(process, lastActivity), "output of " + command.get(0));
    pump.setDaemon(true);
    pump.start();
    long start = System.nanoTime();
    long consoleOffset = 0;
    try {
      while (true) {
        if (process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          consoleOffset = copyConsole(consoleLog, consoleOffset, lastActivity);
          pump.join(5_000);
          return new Outcome(End.EXITED, process.exitValue());
        }
        consoleOffset = copyConsole(consoleLog, consoleOffset, lastActivity);
        long now = System.nanoTime();
        if (now - start > timeout.toNanos()) {
          log.accept("timeout: " + command.get(0) + " ran longer than " + timeout + "; killing it");
          ProcessRunner.destroyTree(process);
          return new Outcome(End.TIMED_OUT, -1);
        }
        if (now - lastActivity.get() > inactivity.toNanos()) {
          log.accept(
              "watchdog: no output from "
                  + command.get(0)
                  + " or its console for "
                  + inactivity
                  + "; killing it");
          ProcessRunner.destroyTree(process);
          return new Outcome(End.INACTIVE, -1);
        }
      }
    } catch (InterruptedException e) {
      ProcessRunner.destroyTree(process);
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while " + command.get(0) + " ran", e);
    }
  }

  private void pump(Process process, AtomicLong lastActivity) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lastActivity.set(System.nanoTime());
        log.accept("    " + line);
      }
    } catch (IOException ignored) {
      // the process went away
    }
  }

  private long copyConsole(Optional<Path> console, long offset, AtomicLong lastActivity) {
    if (console.isEmpty() || !Files.isRegularFile(console.get())) {
      return offset;
    }
    try (RandomAccessFile file = new RandomAccessFile(console.get().toFile(), "r")) {
      long length = file.length();
      if (length <= offset) {
        return offset;
      }
      file.seek(offset);
      byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
      file.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int lastNewline = text.lastIndexOf('\n');
      if (lastNewline < 0) {
        return offset;
      }
      for (String line : text.substring(0, lastNewline).split("\n", -1)) {
        log.accept("    console: " + line.replace("\r", ""));
      }
      lastActivity.set(System.nanoTime());
      return offset + text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
    } catch (IOException e) {
      return offset;
    }
  }
}
