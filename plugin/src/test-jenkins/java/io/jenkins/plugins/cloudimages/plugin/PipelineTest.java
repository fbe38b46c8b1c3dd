package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.slaves.EnvironmentVariablesNodeProperty;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The four steps in a Pipeline on an agent labelled x86_64 (needs -Pjenkins; not run offline). */
@WithJenkins
class PipelineTest {
  @Test
  void shouldFailAnInvalidKickstartWithItsFileAndLine(JenkinsRule r) throws Exception {
    WorkflowJob job =
        pipelineOnAnX86Agent(
            r,
            """
            node('x86_64') {
              writeFile file: 'CentOS-7-x86_64-GenericCloud.ks', text: 'no-such-command\\n'
              kickstartImage kickstart: 'CentOS-7-x86_64-GenericCloud.ks'
            }
            """);

    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

    r.assertLogContains("CentOS-7-x86_64-GenericCloud.ks:1:", run);
  }

  @Test
  void shouldRunTheFourStepsAndDestroyTheInstance(JenkinsRule r) throws Exception {
    RequiredTools.require("dnf", "rpm", "qemu-img", "qemu-system-x86_64", "mkfs.ext4", "git");
    CloudImagesConfiguration.get().setClouds(List.of(new CloudDefinition("local", "local")));
    // A kickstart repository (CentOS-9-x86_64-GenericCloud.ks and .json whose repos the agent
    // reaches) and a t_functional suite, both git URLs the agent can clone.
    EnvironmentVariablesNodeProperty env = new EnvironmentVariablesNodeProperty();
    env.getEnvVars().put("KICKSTART_REPO", required("cloudimg.it.kickstartRepo"));
    env.getEnvVars().put("SUITE_URL", required("cloudimg.it.suiteUrl"));
    r.jenkins.getGlobalNodeProperties().add(env);
    WorkflowJob job =
        pipelineOnAnX86Agent(
            r,
            """
            node('x86_64') {
              git url: env.KICKSTART_REPO
              kickstartImage kickstart: 'CentOS-9-x86_64-GenericCloud.ks'
              cloudDeploy(cloud: 'local') {
                tFunctional tests: '0_common', suite: env.SUITE_URL
              }
              releaseMarker repository: env.KICKSTART_REPO
            }
            """);

    WorkflowRun run = r.buildAndAssertSuccess(job);

    r.assertLogContains("destroyed", run);
    r.assertLogContains("LANDED", run);
  }

  /** A system property the end-to-end run needs: missing, it skips, but fails under CI=true. */
  private static String required(String property) {
    String value = System.getProperty(property, "");
    if (value.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("-D" + property + " is required under CI");
    }
    Assumptions.assumeFalse(value.isEmpty(), "-D" + property + " not given");
    return value;
  }

  /** A Pipeline job running {@code script}, with an agent labelled x86_64 online. */
  private static WorkflowJob pipelineOnAnX86Agent(JenkinsRule r, String script) throws Exception {
    DumbSlave agent = r.createSlave("x86_64-agent", "x86_64", null);
    r.waitOnline(agent);
    WorkflowJob job = r.createProject(WorkflowJob.class);
    job.setDefinition(new CpsFlowDefinition(script, true));
    return job;
  }
}
