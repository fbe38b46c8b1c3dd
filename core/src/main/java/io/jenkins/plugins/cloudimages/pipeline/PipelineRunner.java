package io.jenkins.plugins.cloudimages.pipeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Chains the stages for each image to rebuild: validate, build, publish, deploy and test on every
 * cloud its metadata names, release. Images run in parallel up to a limit; one failing image does
 * not stop the others; nothing is released unless its tests passed on every cloud named. Each
 * stage's log is kept in its own file under the run folder.
 */
public final class PipelineRunner {
  private final Stages stages;
  private final Path runDirectory;
  private final int parallelism;
  private final Consumer<String> progress;
  private final Clock clock;

  public PipelineRunner(
      Stages stages, Path runDirectory, int parallelism, Consumer<String> progress, Clock clock) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    this.stages = stages;
    this.runDirectory = runDirectory;
    this.parallelism = parallelism;
    this.progress = progress;
    this.clock = clock;
  }

  /** Runs every image and returns their outcomes in the order given. */
  public List<ImageOutcome> run(List<ImageToBuild> images) throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, images.size())));
    try {
      List<Future<ImageOutcome>> futures = new ArrayList<>();
      for (ImageToBuild image : images) {
        futures.add(pool.submit(() -> runOne(image)));
      }
      List<ImageOutcome> outcomes = new ArrayList<>();
      for (Future<ImageOutcome> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("pipeline worker failed", e.getCause());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One image through every stage; never throws for a stage's failure. */
  ImageOutcome runOne(ImageToBuild image) throws IOException {
    Path folder = Files.createDirectories(runDirectory.resolve(image.image() + "-" + image.arch()));
    Attempt attempt = new Attempt(image, folder);
    // A stage after a failed one is recorded as not run, so its lambda never sees a null input.
    Stages.Validated validated = attempt.stage("validate", log -> stages.validate(image, log));
    Stages.Built built = attempt.stage("build", log -> stages.build(validated, log));
    Stages.Published published = attempt.stage("publish", log -> stages.publish(built, log));
    List<Stages.Tested> tests = new ArrayList<>();
    List<String> clouds = validated == null ? List.of() : validated.clouds();
    for (String cloud : clouds) {
      // Every cloud is tried even when another failed: each result is worth having.
      Stages.Tested tested =
          attempt.independentStage("test " + cloud, log -> testOn(published, cloud, log));
      if (tested != null) {
        tests.add(tested);
      }
    }
    String commit = null;
    if (attempt.blockedBy != null || tests.size() == clouds.size() && !clouds.isEmpty()) {
      commit = attempt.stage("release", log -> stages.release(published, tests, log));
    } else if (clouds.isEmpty()) {
      attempt.notRun(
          "release", "the metadata names no cloud to test on, so nothing can be released");
    } else {
      attempt.notRun("release", "the tests did not pass on every cloud named");
    }
    return new ImageOutcome(
        image,
        attempt.results,
        built == null ? null : built.name(),
        built == null ? null : built.sha256(),
        published == null ? null : published.url(),
        tests.stream().map(Stages.Tested::junit).toList(),
        commit);
  }

  private Stages.Tested testOn(Stages.Published image, String cloud, Consumer<String> log)
      throws StageFailure {
    Stages.Tested tested = stages.deployAndTest(image, cloud, log);
    if (!tested.passed()) {
      throw new StageFailure("tests failed on " + cloud + ": " + tested.summary());
    }
    return tested;
  }

  /** A stage body that may fail with a reason. */
  private interface StageBody<T> {
    T run(Consumer<String> log) throws StageFailure;
  }

  /** The stages of one image so far; once one fails, the rest are not run. */
  private final class Attempt {
    private final ImageToBuild image;
    private final Path folder;
    private final List<StageResult> results = new ArrayList<>();
    private String blockedBy;

    Attempt(ImageToBuild image, Path folder) {
      this.image = image;
      this.folder = folder;
    }

    <T> T stage(String name, StageBody<T> body) throws IOException {
      Path logFile = folder.resolve(name.replace(' ', '-') + ".log");
      if (blockedBy != null) {
        notRun(name, blockedBy + " failed");
        return null;
      }
      String label = image.image() + " " + image.arch() + " " + name;
      progress.accept(label + ": started");
      Instant start = clock.instant();
      try (BufferedWriter writer = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
        Consumer<String> log = line -> write(writer, line);
        try {
          T value = body.run(log);
          results.add(result(name, StageResult.Status.PASSED, start, "", logFile));
          progress.accept(label + ": passed");
          return value;
        } catch (StageFailure | RuntimeException e) {
          String message = e.getMessage() == null ? e.toString() : e.getMessage();
          log.accept("FAILED: " + message);
          results.add(result(name, StageResult.Status.FAILED, start, message, logFile));
          progress.accept(label + ": failed: " + message + " (log: " + logFile + ")");
          blockedBy = name;
          return null;
        }
      }
    }

    /** A stage whose failure does not stop its siblings (the test on another cloud). */
    <T> T independentStage(String name, StageBody<T> body) throws IOException {
      T value = stage(name, body);
      if (name.equals(blockedBy)) {
        blockedBy = null;
      }
      return value;
    }

    void notRun(String name, String why) {
      results.add(new StageResult(name, StageResult.Status.NOT_RUN, Duration.ZERO, why, null));
    }

    private StageResult result(
        String name, StageResult.Status status, Instant start, String message, Path log) {
      return new StageResult(name, status, Duration.between(start, clock.instant()), message, log);
    }
  }

  private static void write(BufferedWriter writer, String line) {
    try {
      synchronized (writer) {
        writer.write(line);
        writer.newLine();
        writer.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
