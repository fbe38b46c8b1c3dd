package io.jenkins.plugins.cloudimages.plugin;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.junit.JUnitResultArchiver;
import hudson.util.FormValidation;
import io.jenkins.plugins.cloudimages.plugin.rules.FieldRules;
import io.jenkins.plugins.cloudimages.plugin.rules.KickstartName;
import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import io.jenkins.plugins.cloudimages.plugin.rules.StepEnvironment;
import io.jenkins.plugins.cloudimages.plugin.rules.TestTarget;
import io.jenkins.plugins.cloudimages.plugin.rules.WorkspacePaths;
import java.io.IOException;
import java.util.Arrays;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code tFunctional}: runs the CentOS functional suite against the instance of the enclosing
 * {@code cloudDeploy} (or an explicit host) and records the results with the JUnit plugin, which
 * gives the test trend and per-test pages and marks the build unstable on failures.
 */
public final class TFunctionalRunner extends CredentialedBuilderBase {
  /** What an explicit host is logged in to with. */
  static final CredentialKind LOGINS = CredentialKind.SSH_KEY;

  private String host = "";
  private int port = 22;
  private String user = "";
  private String suite = "";
  private String ref = "";
  private String tests = "";
  private int timeoutMinutes;
  private boolean perFile = true;

  @DataBoundConstructor
  public TFunctionalRunner() {}

  public String getHost() {
    return host;
  }

  /** An explicit host; empty tests the instance of the enclosing cloudDeploy. */
  @DataBoundSetter
  public void setHost(String host) {
    this.host = host == null ? "" : host.strip();
  }

  public int getPort() {
    return port;
  }

  @DataBoundSetter
  public void setPort(int port) {
    this.port = port;
  }

  public String getUser() {
    return user;
  }

  @DataBoundSetter
  public void setUser(String user) {
    this.user = user == null ? "" : user.strip();
  }

  public String getSuite() {
    return suite;
  }

  /** The suite's git URL; empty takes the global default. */
  @DataBoundSetter
  public void setSuite(String suite) {
    this.suite = suite == null ? "" : suite.strip();
  }

  public String getRef() {
    return ref;
  }

  @DataBoundSetter
  public void setRef(String ref) {
    this.ref = ref == null ? "" : ref.strip();
  }

  public String getTests() {
    return tests;
  }

  /** Test folders to run, comma separated; empty runs them all. */
  @DataBoundSetter
  public void setTests(String tests) {
    this.tests = tests == null ? "" : tests.strip();
  }

  public int getTimeoutMinutes() {
    return timeoutMinutes;
  }

  /** The time budget; 0 takes the global default. */
  @DataBoundSetter
  public void setTimeoutMinutes(int timeoutMinutes) {
    this.timeoutMinutes = timeoutMinutes;
  }

  public boolean isPerFile() {
    return perFile;
  }

  @DataBoundSetter
  public void setPerFile(boolean perFile) {
    this.perFile = perFile;
  }

  @Override
  public void perform(
      Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
      throws InterruptedException, IOException {
    CloudImagesConfiguration config = CloudImagesConfiguration.get();
    TestTarget target =
        StepAborts.unlessRefused(
            "tFunctional",
            () ->
                TestTarget.resolve(
                    env.expand(host),
                    port,
                    env.expand(user),
                    getCredentialsId(),
                    getKnownHosts().isEmpty()
                        ? null
                        : WorkspacePaths.inside(workspace.getRemote(), env.expand(getKnownHosts())),
                    env));
    Login login =
        Logins.resolveIfGiven(target.credentialsId(), run, "tFunctional host " + target.host());
    String image = env.getOrDefault(StepEnvironment.IMAGE_NAME, "image");
    String cloud = env.getOrDefault(StepEnvironment.INSTANCE_CLOUD, target.host());
    FunctionalTestCallable.Suite spec =
        new FunctionalTestCallable.Suite(
            suite.isEmpty() ? config.getSuiteUrl() : env.expand(suite),
            ref.isEmpty() ? config.getSuiteRef() : env.expand(ref),
            tests.isEmpty()
                ? java.util.List.of()
                : Arrays.stream(tests.split(",")).map(String::strip).toList(),
            timeoutMinutes > 0 ? timeoutMinutes : config.getTestTimeoutMinutes(),
            perFile,
            "cloudimg-tests/" + image + "-" + cloud + ".xml",
            KickstartName.releaseOf(image).orElse(null));
    FunctionalTestCallable.Outcome outcome =
        workspace.act(new FunctionalTestCallable(target, login, spec, listener));
    String report = StepAborts.insideWorkspace("tFunctional", workspace, outcome.report());
    JUnitResultArchiver junit = new JUnitResultArchiver(report);
    junit.setAllowEmptyResults(false);
    junit.perform(run, workspace, env, launcher, listener);
    if (!outcome.passed()) {
      // The JUnit plugin marks failed cases; a run that failed without failed cases (no root, lost
      // connection, budget) must not look green either.
      run.setResult(Result.UNSTABLE);
    }
    ImageAction action = ImageAction.of(run, image);
    if (action != null) {
      action.addTest(cloud, outcome.passed(), outcome.summary(), report);
    }
    listener
        .getLogger()
        .println("cloud-images: t_functional on " + cloud + ": " + outcome.summary());
  }

  /** The credential is for an explicit host only. */
  static CredentialField credentialField(String host, String credentialsId) {
    return new CredentialField(
        credentialsId, LOGINS, FieldRules.testHostCredentials(host, credentialsId, LOGINS.names()));
  }

  /** The form, its checks and lists. */
  @Extension
  @Symbol("tFunctional")
  public static final class DescriptorImpl extends CredentialedBuilderBase.DescriptorBase {
    public DescriptorImpl() {
      super(LOGINS);
    }

    @Override
    public String getDisplayName() {
      return "Run t_functional on the instance";
    }

    @POST
    public FormValidation doCheckHost(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.check(item, () -> FieldRules.host(value, false));
    }

    @POST
    public FormValidation doCheckCredentialsId(
        @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String host) {
      return Forms.checkCredentials(item, credentialField(host, value));
    }

    @POST
    public FormValidation doCheckPort(@AncestorInPath Item item, @QueryParameter int value) {
      return Forms.check(item, () -> FieldRules.port(value));
    }

    @POST
    public FormValidation doCheckSuite(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.check(item, () -> FieldRules.url(value, false, "https", "http", "git", "file"));
    }

    @POST
    public FormValidation doCheckTests(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.check(item, () -> FieldRules.testSelection(value));
    }

    @POST
    public FormValidation doCheckTimeoutMinutes(
        @AncestorInPath Item item, @QueryParameter int value) {
      return Forms.check(
          item,
          () ->
              value == 0
                  ? io.jenkins.plugins.cloudimages.plugin.rules.Check.ok()
                  : FieldRules.timeoutMinutes(value));
    }
  }
}
