package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.plugins.git.GitSCM;
import hudson.triggers.SCMTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What the post-receive hook calls: the Git plugin's notifyCommit starts a build of the job that
 * polls the kickstart repository (needs -Pjenkins; not run offline).
 */
@WithJenkins
class NotifyCommitTest {
  @TempDir Path repo;

  @Test
  void shouldStartABuildOnNotifyCommit(JenkinsRule r) throws Exception {
    git("init", "-q", "-b", "main", repo.toString());
    Files.writeString(repo.resolve("CentOS-9-x86_64-GenericCloud.ks"), "lang en_US.UTF-8\n");
    git("-C", repo.toString(), "add", ".");
    git("-C", repo.toString(), "-c", "user.name=t", "-c", "user.email=t@example.org",
        "commit", "-q", "-m", "kickstart");
    FreeStyleProject job = r.createFreeStyleProject();
    job.setScm(new GitSCM(repo.toUri().toString()));
    SCMTrigger trigger = new SCMTrigger("");
    job.addTrigger(trigger);
    trigger.start(job, true);

    // git 5.x wants a notifyCommit access token; the hook sends one, the test opts out of it.
    System.setProperty("hudson.plugins.git.GitStatus.NOTIFY_COMMIT_ACCESS_CONTROL", "disabled");
    r.createWebClient()
        .goTo("git/notifyCommit?url=" + repo.toUri() + "&branches=main", "text/plain");
    r.waitUntilNoActivity();

    assertThat(job.getLastBuild()).isNotNull();
  }

  private static void git(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
  }
}
