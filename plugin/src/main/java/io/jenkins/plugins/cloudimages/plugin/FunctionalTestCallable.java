package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import io.jenkins.plugins.cloudimages.plugin.rules.TestTarget;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
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
      String junitFile)
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
    listener
        .getLogger()
        .println(
            "cloud-images: t_functional from "
                + suite.url()
                + " ("
                + suite.ref()
                + ") on "
                + target.user()
                + "@"
                + target.host()
                + ":"
                + target.port()
                + (login == null ? "" : " as " + login));
    throw EngineStages.missing("t_functional");
  }
}
