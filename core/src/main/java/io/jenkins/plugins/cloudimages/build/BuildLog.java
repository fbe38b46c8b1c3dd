package io.jenkins.plugins.cloudimages.build;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The build log of one build: every line goes to the listener and to {@code build.log} in the work
 * directory; stages are timed for build-info.json.
 */
final class BuildLog implements BuildListener, AutoCloseable {

  /** A timed stage: its name, when it started and how long it took. */
  record StageTime(String name, Instant start, Duration duration) {}

  private final BuildListener listener;
  private final BufferedWriter file;
  private final Path path;
  private final List<StageTime> stages = new ArrayList<>();

  BuildLog(BuildListener listener, Path path) throws IOException {
    this.listener = listener;
    this.path = path;
    this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
  }

  Path path() {
    return path;
  }

  @Override
  public synchronized void log(String line) {
    listener.log(line);
    try {
      file.write(line);
      file.newLine();
      file.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build log " + path, e);
    }
  }

  @Override
  public void progress(String step, int percent) {
    listener.progress(step, percent);
  }

  /** Starts a timed stage; close the returned handle when it is done. */
  Stage stage(String name) {
    log("==> " + name);
    return new Stage(name, Instant.now(), System.nanoTime());
  }

  synchronized List<StageTime> stages() {
    return List.copyOf(stages);
  }

  /** A running stage; closing it records its duration. */
  final class Stage implements AutoCloseable {
    private final String name;
    private final Instant start;
    private final long startNanos;

    private Stage(String name, Instant start, long startNanos) {
      this.name = name;
      this.start = start;
      this.startNanos = startNanos;
    }

    @Override
    public void close() {
      Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
      synchronized (BuildLog.this) {
        stages.add(new StageTime(name, start, took));
      }
      log(String.format("<== %s (%.1f s)", name, took.toMillis() / 1000.0));
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
