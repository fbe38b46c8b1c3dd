package io.jenkins.plugins.cloudimages.release;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code git} with byte-exact standard output kept apart from standard error (file contents
 * must survive untouched), optional standard input, an environment, and a timeout.
 */
final class GitCommandLine {

  /** What one git invocation left. */
  record Result(List<String> arguments, int exitCode, byte[] stdout, String stderr) {
    boolean succeeded() {
      return exitCode == 0;
    }

    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    String firstLine() {
      String text = out().strip();
      int newline = text.indexOf('\n');
      return newline < 0 ? text : text.substring(0, newline);
    }
  }

  private final Path directory;
  private final Map<String, String> environment;
  private final List<String> configOptions;
  private final Duration timeout;

  GitCommandLine(
      Path directory,
      Map<String, String> environment,
      List<String> configOptions,
      Duration timeout) {
    this.directory = directory;
    this.environment = Map.copyOf(environment);
    this.configOptions = List.copyOf(configOptions);
    this.timeout = timeout;
  }

  Result run(List<String> arguments) throws GitException {
    return run(arguments, null, Map.of());
  }

  /** Runs git and throws with its message when it fails. */
  Result check(List<String> arguments) throws GitException {
    return check(arguments, null, Map.of());
  }

  Result check(List<String> arguments, byte[] input, Map<String, String> extraEnv)
      throws GitException {
    Result result = run(arguments, input, extraEnv);
    if (!result.succeeded()) {
      throw new GitException(describe(result));
    }
    return result;
  }

  Result run(List<String> arguments, byte[] input, Map<String, String> extraEnv)
      throws GitException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(configOptions);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> env = new HashMap<>(environment);
    env.putAll(extraEnv);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new GitException("cannot run git (is it installed? apt-get install git): " + e);
    }
    FutureTask<byte[]> stdout = drain(process.getInputStream());
    FutureTask<byte[]> stderr = drain(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input);
      }
    } catch (IOException e) {
      // git exited before reading everything; its exit code tells why
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessRunner.destroyTree(process);
        throw new GitException(
            "git " + String.join(" ", arguments) + " timed out after " + timeout.toSeconds() + "s");
      }
      return new Result(
          List.copyOf(arguments),
          process.exitValue(),
          collect(stdout),
          new String(collect(stderr), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      ProcessRunner.destroyTree(process);
      Thread.currentThread().interrupt();
      throw new GitException("interrupted while running git " + arguments.get(0));
    }
  }

  static String describe(Result result) {
    String why = result.stderr().strip();
    if (why.isEmpty()) {
      why = result.out().strip();
    }
    return "git "
        + String.join(" ", result.arguments())
        + " failed (exit "
        + result.exitCode()
        + ")"
        + (why.isEmpty() ? "" : ": " + why);
  }

  /** Reads a stream to its end on a thread of its own (the common pool must not block on I/O). */
  private static FutureTask<byte[]> drain(InputStream stream) {
    FutureTask<byte[]> task =
        new FutureTask<>(
            () -> {
              try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toByteArray();
              }
            });
    Thread thread = new Thread(task, "git output");
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  private static byte[] collect(FutureTask<byte[]> task) throws GitException {
    try {
      return task.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitException("interrupted while reading git output");
    } catch (ExecutionException | TimeoutException e) {
      throw new GitException("cannot read git output: " + e.getMessage());
    }
  }
}
