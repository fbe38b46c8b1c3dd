package io.jenkins.plugins.cloudimages.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an external tool, streaming its merged output line by line to a sink, with an overall
 * timeout after which the whole process tree is killed.
 */
public final class ProcessRunner {

  /** What a finished process left: its exit code and, when asked for, its output. */
  public record Result(List<String> command, int exitCode, String output, boolean timedOut) {
    public boolean succeeded() {
      return exitCode == 0 && !timedOut;
    }

    /** The command and the last lines of its output, for an error message. */
    public String describeFailure() {
      String tail =
          output
              .lines()
              .skip(Math.max(0, output.lines().count() - 20))
              .reduce("", (a, b) -> a + "\n  " + b);
      String why = timedOut ? "timed out" : "exited with " + exitCode;
      return String.join(" ", command) + " " + why + (tail.isEmpty() ? "" : ":" + tail);
    }
  }

  private Path directory;
  private final java.util.HashMap<String, String> environment = new java.util.HashMap<>();
  private Duration timeout = Duration.ofHours(2);
  private Consumer<String> sink = line -> {};
  private boolean keepOutput = true;

  public ProcessRunner in(Path directory) {
    this.directory = directory;
    return this;
  }

  public ProcessRunner env(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  public ProcessRunner timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Each output line goes here as it arrives. */
  public ProcessRunner streamTo(Consumer<String> sink) {
    this.sink = sink;
    return this;
  }

  /** Do not keep the output in memory (for chatty tools whose log is streamed elsewhere). */
  public ProcessRunner discardOutput() {
    this.keepOutput = false;
    return this;
  }

  public Result run(String... command) {
    return run(List.of(command));
  }

  public Result run(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    StringBuilder output = new StringBuilder();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  sink.accept(line);
                  if (keepOutput) {
                    synchronized (output) {
                      output.append(line).append('\n');
                    }
                  }
                }
              } catch (IOException ignored) {
                // the process went away; what was read is kept
              }
            },
            "output of " + command.get(0));
    pump.setDaemon(true);
    pump.start();
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      destroyTree(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
    if (!finished) {
      destroyTree(process);
    }
    try {
      pump.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (output) {
      return new Result(
          List.copyOf(command), finished ? process.exitValue() : -1, output.toString(), !finished);
    }
  }

  /** Kills a process and everything it started. */
  public static void destroyTree(Process process) {
    List<ProcessHandle> all = new ArrayList<>();
    process.descendants().forEach(all::add);
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether an executable is on the PATH. */
  public static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
