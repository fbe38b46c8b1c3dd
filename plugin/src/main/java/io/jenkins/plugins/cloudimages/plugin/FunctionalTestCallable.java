package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.cloudimages.deploy.RemoteShellException;
import io.jenkins.plugins.cloudimages.deploy.SshShell;
import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import io.jenkins.plugins.cloudimages.plugin.rules.TestTarget;
import io.jenkins.plugins.cloudimages.plugin.rules.WorkspacePaths;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import io.jenkins.plugins.cloudimages.tfunctional.JUnitXmlWriter;
import io.jenkins.plugins.cloudimages.tfunctional.SuiteSource;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalConfig;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalException;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalResult;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalRunner;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the agent: t_functional against the target over SSH, the log streamed to the build, a
 * JUnit report written into the workspace.
 */
final class FunctionalTestCallable
    extends MasterToSlaveFileCallable<FunctionalTestCallable.Outcome> {
  private static final long serialVersionUID = 1L;

  /** What the suite gave: the report (workspace path), the verdict and a one-line summary. */
  record Outcome(String report, boolean passed, String summary) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The suite and how to run it. */
  record Suite(
      String url,
      String ref,
      List<String> tests,
      int timeoutMinutes,
      boolean perFile,
      String junitFile,
      String release)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    Suite {
      tests = List.copyOf(tests);
    }
  }

  private final TestTarget target;
  private final Login login;
  private final Suite suite;
  private final TaskListener listener;

  FunctionalTestCallable(TestTarget target, Login login, Suite suite, TaskListener listener) {
    this.target = target;
    this.login = login;
    this.suite = suite;
    this.listener = listener;
  }

  @Override
  public Outcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    Path root = workspace.toPath().toAbsolutePath();
    Path report = root.resolve(WorkspacePaths.inside(root.toString(), suite.junitFile()));
    Path secrets = AgentFiles.privateDir(root, "test");
    try {
      SshTarget ssh = sshTarget(root, secrets);
      TFunctionalConfig config =
          TFunctionalConfig.of(new SuiteSource.Git(suite.url(), suite.ref()))
              .withMode(
                  suite.perFile()
                      ? TFunctionalConfig.Mode.PER_FILE
                      : TFunctionalConfig.Mode.RUNTESTS)
              .withTests(suite.tests())
              .withBudget(Duration.ofMinutes(suite.timeoutMinutes()));
      if (suite.release() != null) {
        config = config.withRelease(suite.release());
      }
      listener
          .getLogger()
          .println("cloud-images: t_functional from " + config.suite().describe() + " on " + ssh);
      TFunctionalResult result;
      try (SshShell shell = SshShell.connect(ssh)) {
        result = new TFunctionalRunner(shell, config, listener.getLogger()::println).run();
      } catch (TFunctionalException | RemoteShellException e) {
        throw new IOException("tFunctional: " + e.getMessage(), e);
      }
      Files.createDirectories(report.getParent());
      JUnitXmlWriter.write(result, report);
      String summary = result.summary().toString();
      if (result.problem() != null) {
        summary += " (" + result.problem() + ")";
      }
      return new Outcome(root.relativize(report).toString(), result.passed(), summary);
    } finally {
      AgentFiles.deleteTree(secrets);
    }
  }

  private SshTarget sshTarget(Path root, Path secrets) throws IOException {
    Path knownHosts =
        target.credentialsId() == null
            ? Path.of(target.knownHosts())
            : root.resolve(WorkspacePaths.inside(root.toString(), target.knownHosts()));
    if (login == null) {
      return SshTarget.withKey(
          target.host(), target.port(), target.user(), Path.of(target.keyFile()), knownHosts);
    }
    return SshLogins.target(target.host(), target.port(), target.user(), login, secrets, knownHosts)
        .orElseThrow(() -> new IOException("tFunctional: a secret text cannot log in over SSH"));
  }
}
