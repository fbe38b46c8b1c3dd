package io.jenkins.plugins.cloudimages.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import io.jenkins.plugins.cloudimages.testing.TestRpmRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test: runs only with {@code -Dcloudimg.benchmark=true}:
 *
 * <pre>
 * mvn -o -q verify -pl core -Dtest=BuildBenchmark -Dcloudimg.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Builds the test kickstart (raw + qcow2) with the installroot backend several times and prints,
 * per run, the whole build's wall time against the sum of the wall times of the external commands
 * it ran (dnf, chroot %post, mkfs.ext4, qemu-img ...), as recorded in build-info.json. The
 * difference is what cloudimg itself adds.
 */
class BuildBenchmark {
  private static final String UPSTREAM = "http://mirror.centos.invalid/centos/9/BaseOS/x86_64/os/";
  private static final int RUNS = 5;

  @TempDir Path temp;

  @Test
  @EnabledIfSystemProperty(named = "cloudimg.benchmark", matches = "true")
  void shouldPrintBuildOverheadOverTheToolsItRuns() throws Exception {
    RequiredTools.requireRoot();
    RequiredTools.require("dnf", "rpmbuild", "createrepo_c", "mkfs.ext4", "qemu-img");
    TestRpmRepository repository = TestRpmRepository.get();
    Kickstart kickstart =
        TestKickstarts.read(InstallrootBuilderTest.testKickstart(), SyntaxVersion.RHEL9);
    List<String> rows = new ArrayList<>();
    rows.add(
        "run | build wall s | external commands s | sha256 in the JVM s (instead of sha256sum)"
            + " | overhead s | overhead % of the commands");
    for (int run = 0; run <= RUNS; run++) {
      Path out = temp.resolve("out" + run);
      BuildRequest request =
          BuildRequest.builder(kickstart, new ImageIdentity("9", "x86_64", "Test"), out)
              .mirror(UPSTREAM, repository.fileUrl())
              .format(ImageFormat.RAW)
              .format(ImageFormat.QCOW2)
              .build();
      java.time.Instant startedAt = java.time.Instant.now();
      long start = System.nanoTime();
      BuildResult result = new InstallrootBuilder().build(request, BuildListener.silent());
      double wall = (System.nanoTime() - start) / 1e9;
      JsonNode info = new ObjectMapper().readTree(result.buildInfo().get().toFile());
      double tools = 0;
      for (JsonNode command : info.path("externalCommands")) {
        tools += command.path("durationSeconds").asDouble();
      }
      double sha = 0;
      for (JsonNode stage : info.path("stages")) {
        if (stage.path("name").asText().equals("checksums")) {
          sha = stage.path("durationSeconds").asDouble();
        }
      }
      if (run == 0) {
        continue; // warm-up: JIT, page cache
      }
      StringBuilder stages = new StringBuilder("    stages:");
      for (JsonNode stage : info.path("stages")) {
        stages.append(
            String.format(
                " %s %.2f;",
                stage.path("name").asText(), stage.path("durationSeconds").asDouble()));
      }
      rows.add(gaps(info, startedAt, wall));
      StringBuilder commands = new StringBuilder("    commands:");
      for (JsonNode command : info.path("externalCommands")) {
        commands.append(
            String.format(
                " %s %.2f;",
                command.path("command").asText().split(" ")[0],
                command.path("durationSeconds").asDouble()));
      }
      double overhead = wall - tools - sha;
      rows.add(
          String.format(
              "%d | %.2f | %.2f | %.2f | %.2f | %.1f %%",
              run, wall, tools, sha, overhead, 100 * overhead / (tools + sha)));
      rows.add(stages.toString());
      rows.add(commands.toString());
      Files.walk(out).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    rows.forEach(System.out::println);
  }

  /** Where the time outside the timed stages goes: before, between and after them. */
  private static String gaps(JsonNode info, java.time.Instant startedAt, double wall) {
    StringBuilder gaps = new StringBuilder("    outside stages:");
    java.time.Instant previousEnd = startedAt;
    String previous = "start";
    for (JsonNode stage : info.path("stages")) {
      java.time.Instant begin = java.time.Instant.parse(stage.path("start").asText());
      gaps.append(
          String.format(
              " %s..%s %.3f;",
              previous,
              stage.path("name").asText(),
              java.time.Duration.between(previousEnd, begin).toNanos() / 1e9));
      previousEnd = begin.plusMillis((long) (stage.path("durationSeconds").asDouble() * 1000));
      previous = stage.path("name").asText();
    }
    double end = java.time.Duration.between(startedAt, previousEnd).toNanos() / 1e9;
    return gaps.append(String.format(" %s..end %.3f", previous, wall - end)).toString();
  }
}
