package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.jenkins.plugins.cloudimages.plugin.rules.InstanceInfo;
import io.jenkins.plugins.cloudimages.plugin.rules.StepEnvironment;
import io.jenkins.plugins.cloudimages.plugin.rules.TestTarget;
import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import io.jenkins.plugins.cloudimages.testing.SampleSuite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent side of tFunctional, in-process: the engine's runner against a real OpenSSH sshd on
 * loopback (standing in for the instance of cloudDeploy) with the sample suite cloned from git.
 */
class FunctionalTestCallableTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final TaskListener listener = () -> new PrintStream(log, true, StandardCharsets.UTF_8);

  @Test
  void shouldRunTheSuiteOnTheInstanceAndWriteTheJUnitReportIntoTheWorkspace() throws Exception {
    String suite = SampleSuite.gitRepository(dir.resolve("suite"));
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    try (LoopbackSshd sshd = LoopbackSshd.start(Files.createDirectories(dir.resolve("sshd")))) {
      InstanceInfo instance =
          new InstanceInfo(
              "local",
              "cloudimg-test",
              sshd.host(),
              sshd.port(),
              sshd.user(),
              sshd.clientKey().toString(),
              sshd.knownHosts().toString());
      TestTarget target = TestTarget.resolve("", 22, "", "", null, StepEnvironment.of(instance));
      FunctionalTestCallable.Suite spec =
          new FunctionalTestCallable.Suite(
              suite,
              "v1",
              List.of("p_pass", "p_skip"),
              5,
              true,
              "cloudimg-tests/img-local.xml",
              null);

      FunctionalTestCallable.Outcome outcome =
          new FunctionalTestCallable(target, null, spec, listener).invoke(workspace.toFile(), null);

      assertThat(outcome.passed()).as(log.toString(StandardCharsets.UTF_8)).isTrue();
      assertThat(outcome.report()).isEqualTo("cloudimg-tests/img-local.xml");
      assertThat(Files.readString(workspace.resolve(outcome.report())))
          .contains("<testcase classname=\"t_functional.p_pass\"");
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("t_functional from " + suite);
    }
  }
}
