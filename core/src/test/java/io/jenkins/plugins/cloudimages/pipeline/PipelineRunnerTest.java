package io.jenkins.plugins.cloudimages.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.pipeline.StageResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunnerTest {
  @TempDir Path runs;

  /** Stages that record their calls and fail where told to. */
  private static final class ScriptedStages implements Stages {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Map<String, List<String>> clouds = new ConcurrentHashMap<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    private void step(String what, Consumer<String> log) throws StageFailure {
      calls.add(what);
      log.accept("doing " + what);
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
      if (failing.contains(what)) {
        throw new StageFailure(what + " broke");
      }
    }

    @Override
    public Validated validate(ImageToBuild image, Consumer<String> log) throws StageFailure {
      step("validate " + image.image(), log);
      return new Validated(
          image,
          Path.of(image.kickstart()),
          null,
          null,
          clouds.getOrDefault(image.image(), List.of("local")));
    }

    @Override
    public Built build(Validated image, Consumer<String> log) throws StageFailure {
      step("build " + image.image().image(), log);
      return new Built(image, image.image().image() + "-1", Path.of("x.qcow2"), "ab12", false);
    }

    @Override
    public Published publish(Built image, Consumer<String> log) throws StageFailure {
      step("publish " + image.source().image().image(), log);
      return new Published(image, "http://host/" + image.name());
    }

    @Override
    public Tested deployAndTest(Published image, String cloud, Consumer<String> log) {
      String what = "test " + image.built().source().image().image() + " " + cloud;
      try {
        step(what, log);
        return new Tested(cloud, Path.of(cloud + ".xml"), true, "3 tests");
      } catch (StageFailure e) {
        return new Tested(cloud, Path.of(cloud + ".xml"), false, "1 of 3 failed");
      }
    }

    @Override
    public String release(Published image, List<Tested> tests, Consumer<String> log)
        throws StageFailure {
      step("release " + image.built().source().image().image(), log);
      return "c0ffee";
    }
  }

  private static ImageToBuild image(String name) {
    return new ImageToBuild(name, name + ".ks", "x86_64", "kickstart changed");
  }

  private PipelineRunner runner(Stages stages, int parallelism) {
    return new PipelineRunner(stages, runs, parallelism, line -> {}, Clock.systemUTC());
  }

  @Test
  void shouldChainEveryStageAndReleaseOnlyAfterAllCloudsPassed() throws Exception {
    ScriptedStages stages = new ScriptedStages();
    stages.clouds.put("A", List.of("local", "docker"));

    ImageOutcome outcome = runner(stages, 1).run(List.of(image("A"))).get(0);

    assertThat(stages.calls)
        .containsExactly(
            "validate A", "build A", "publish A", "test A local", "test A docker", "release A");
    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.releaseCommit()).isEqualTo("c0ffee");
    assertThat(outcome.url()).isEqualTo("http://host/A-1");
    assertThat(outcome.junit()).containsExactly(Path.of("local.xml"), Path.of("docker.xml"));
    assertThat(Files.readString(outcome.stages().get(1).log())).contains("doing build A");
  }

  @Test
  void shouldNotReleaseWhenOneCloudFailedButStillTestTheOthers() throws Exception {
    ScriptedStages stages = new ScriptedStages();
    stages.clouds.put("A", List.of("local", "docker"));
    stages.failing.add("test A local");

    ImageOutcome outcome = runner(stages, 1).run(List.of(image("A"))).get(0);

    assertThat(stages.calls).contains("test A docker").doesNotContain("release A");
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.releaseCommit()).isNull();
    assertThat(outcome.stages())
        .extracting(StageResult::stage, StageResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("validate", Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("build", Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("publish", Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("test local", Status.FAILED),
            org.assertj.core.groups.Tuple.tuple("test docker", Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("release", Status.NOT_RUN));
    assertThat(outcome.stages().get(3).message()).contains("1 of 3 failed");
  }

  @Test
  void shouldSkipLaterStagesOfAFailedImageAndCarryOnWithTheOthers() throws Exception {
    ScriptedStages stages = new ScriptedStages();
    stages.failing.add("build A");

    List<ImageOutcome> outcomes = runner(stages, 2).run(List.of(image("A"), image("B")));

    assertThat(outcomes.get(0).passed()).isFalse();
    assertThat(outcomes.get(0).stages())
        .extracting(StageResult::status)
        .containsExactly(
            Status.PASSED, Status.FAILED, Status.NOT_RUN, Status.NOT_RUN, Status.NOT_RUN);
    assertThat(outcomes.get(0).stages().get(4).message()).isEqualTo("build failed");
    assertThat(outcomes.get(1).passed()).isTrue();
    assertThat(stages.calls).doesNotContain("publish A", "release A").contains("release B");
  }

  @Test
  void shouldNeverReleaseAnImageWhoseMetadataNamesNoCloud() throws Exception {
    ScriptedStages stages = new ScriptedStages();
    stages.clouds.put("A", List.of());

    ImageOutcome outcome = runner(stages, 1).run(List.of(image("A"))).get(0);

    assertThat(stages.calls).doesNotContain("release A");
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.stages().get(outcome.stages().size() - 1).message()).contains("no cloud");
  }

  @Test
  void shouldRunImagesInParallelUpToTheLimit() throws Exception {
    ScriptedStages stages = new ScriptedStages();
    List<ImageToBuild> images = List.of(image("A"), image("B"), image("C"), image("D"));

    runner(stages, 2).run(images);

    assertThat(stages.mostAtOnce.get()).isEqualTo(2);
    assertThat(stages.calls).filteredOn(c -> c.startsWith("release")).hasSize(4);
  }
}
