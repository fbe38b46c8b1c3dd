package io.jenkins.plugins.cloudimages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.cloudimages.deploy.RemoteShell;
import io.jenkins.plugins.cloudimages.deploy.SshShell;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import io.jenkins.plugins.cloudimages.tfunctional.JUnitXmlWriter;
import io.jenkins.plugins.cloudimages.tfunctional.SkipList;
import io.jenkins.plugins.cloudimages.tfunctional.SuiteSource;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalConfig;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalException;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalResult;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalRunner;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalSummary;
import io.jenkins.plugins.cloudimages.tfunctional.TestCaseResult;
import io.jenkins.plugins.cloudimages.tfunctional.TestStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cloudimg test}: runs t_functional on an instance over SSH. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run the CentOS functional suite (t_functional) on an instance over SSH, as root with"
          + " SKIP_QA_HARNESS=1, within a time budget.",
      "Exit status: 0 every selected test passed, 1 tests failed, 2 usage, connection or"
          + " environment error."
    })
final class TestCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", required = true, description = "Instance address.")
  String host;

  @Option(
      names = "--port",
      defaultValue = "22",
      description = "SSH port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--user",
      defaultValue = "root",
      description = "Login (default: ${DEFAULT-VALUE}); not root needs password-less sudo.")
  String user;

  @Option(
      names = "--identity",
      required = true,
      paramLabel = "KEY",
      description = "Private key file.")
  Path identity;

  @Option(
      names = "--known-hosts",
      required = true,
      paramLabel = "FILE",
      description = "known_hosts file with the instance's pinned host key.")
  Path knownHosts;

  @Option(
      names = "--suite",
      required = true,
      paramLabel = "URL|DIR",
      description = "A local suite folder (copied as tar.gz) or a git URL cloned on the instance.")
  String suite;

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description = "Branch, tag or commit of a git suite.")
  String ref;

  @Option(
      names = "--tests",
      split = ",",
      paramLabel = "DIR",
      description = "Test directories to run, e.g. p_bash,p_gzip (the 0_* ones always run first).")
  List<String> tests = new ArrayList<>();

  @Option(
      names = "--skip-list",
      paramLabel = "FILE",
      description =
          "More tests to disable, in skipped-tests.list format: <release>|<path>|<reason>.")
  Path skipList;

  @Option(
      names = "--release",
      paramLabel = "N",
      description =
          "The image's major release for the skip lists (default: detected on the instance).")
  String release;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Time budget of the tests (default: ${DEFAULT-VALUE}); then every test process is killed.")
  Duration timeout;

  @Option(
      names = "--connect-timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "How long connecting may take (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = "--per-file",
      description =
          "Run each test file separately (one JUnit test case per file) instead of the suite's runtests.sh.")
  boolean perFile;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write the results as JUnit XML.")
  Path junit;

  @Option(
      names = "--remote-dir",
      paramLabel = "DIR",
      description = "Folder on the instance for the run's working folder (default: /var/tmp).")
  String remoteDir;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json",
      description = "Report format on stdout (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    TFunctionalConfig config;
    SshTarget target;
    try {
      config = config();
      target =
          SshTarget.withKey(
                  host,
                  port,
                  user,
                  readable(identity, "--identity"),
                  readable(knownHosts, "--known-hosts"))
              .withConnectTimeout(connectTimeout);
    } catch (TFunctionalException | IllegalArgumentException e) {
      return fail(Cloudimg.USAGE, e.getMessage());
    }
    TFunctionalResult result;
    // Ctrl-C or a kill of this JVM: interrupt the run so it kills the remote tests and removes
    // its working folder before the JVM goes (closing the connection alone leaves them running).
    Thread worker = Thread.currentThread();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread abort =
        new Thread(
            () -> {
              worker.interrupt();
              try {
                stopped.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException ignored) {
                // the JVM is going anyway
              }
            },
            "cloudimg test abort");
    Runtime.getRuntime().addShutdownHook(abort);
    try (RemoteShell shell = SshShell.connect(target)) {
      result = new TFunctionalRunner(shell, config, err::println).run();
    } catch (IOException e) {
      return fail(Cloudimg.USAGE, "cannot test " + target + ": " + e.getMessage());
    } catch (TFunctionalException e) {
      return fail(Cloudimg.USAGE, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(Cloudimg.USAGE, "interrupted: the remote tests were stopped");
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(abort);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already running
      }
    }
    if (junit != null) {
      try {
        JUnitXmlWriter.write(result, junit);
      } catch (IOException e) {
        return fail(Cloudimg.USAGE, "cannot write " + junit + ": " + e.getMessage());
      }
    }
    report(result);
    if (result.connectionLost()) {
      err.println("cloudimg test: " + result.problem());
      return Cloudimg.USAGE;
    }
    return result.passed() ? Cloudimg.OK : Cloudimg.FAILED;
  }

  private TFunctionalConfig config() throws TFunctionalException {
    SuiteSource source;
    if (Files.isDirectory(Path.of(suite))) {
      if (ref != null) {
        throw new TFunctionalException(
            "--ref applies to a git suite, but " + suite + " is a local folder");
      }
      source = new SuiteSource.Directory(Path.of(suite));
    } else if (looksLikeGit(suite)) {
      source = new SuiteSource.Git(suite, ref);
    } else {
      throw new TFunctionalException(
          "--suite " + suite + " is neither a local folder nor a git URL");
    }
    return TFunctionalConfig.of(source)
        .withMode(perFile ? TFunctionalConfig.Mode.PER_FILE : TFunctionalConfig.Mode.RUNTESTS)
        .withTests(tests)
        .withSkipList(skipList == null ? SkipList.empty() : SkipList.read(skipList))
        .withRelease(release)
        .withBudget(timeout)
        .withRemoteBase(remoteDir);
  }

  private static boolean looksLikeGit(String spec) {
    return spec.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.+") || spec.matches("^[^/\\s]+@[^:\\s]+:.+");
  }

  private static Path readable(Path file, String option) throws TFunctionalException {
    if (!Files.isReadable(file)) {
      throw new TFunctionalException(option + " " + file + " cannot be read");
    }
    return file;
  }

  private int fail(int code, String message) {
    spec.commandLine().getErr().println("cloudimg test: " + message);
    if (format == Format.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("command", "test");
      json.put("passed", false);
      json.put("error", message);
      printJson(json);
    }
    return code;
  }

  private void report(TFunctionalResult result) {
    TFunctionalSummary summary = result.summary();
    if (format == Format.json) {
      printJson(json(result, summary));
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("t_functional " + (result.passed() ? "PASSED" : "FAILED") + ": " + summary);
    for (TestCaseResult test : result.cases()) {
      if (test.status() == TestStatus.FAILED || test.status() == TestStatus.ERROR) {
        out.println("  " + test.status() + " " + test.path() + ": " + test.message());
      }
    }
    if (result.problem() != null) {
      out.println("  " + result.problem());
    }
    if (junit != null) {
      out.println("  JUnit report: " + junit);
    }
    out.flush();
  }

  private Map<String, Object> json(TFunctionalResult result, TFunctionalSummary summary) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", "test");
    json.put("passed", result.passed());
    json.put("mode", result.mode() == TFunctionalConfig.Mode.PER_FILE ? "per-file" : "runtests");
    json.put("target", result.target());
    json.put("suite", result.suite());
    json.put("release", result.release());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("tests", summary.tests());
    counts.put("passed", summary.passed());
    counts.put("failures", summary.failures());
    counts.put("errors", summary.errors());
    counts.put("skipped", summary.skipped());
    counts.put("time_seconds", seconds(summary.time()));
    json.put("summary", counts);
    json.put("problem", result.problem());
    json.put("connection_lost", result.connectionLost());
    json.put("junit", junit == null ? null : junit.toString());
    List<Map<String, Object>> cases = new ArrayList<>();
    for (TestCaseResult test : result.cases()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("path", test.path());
      c.put("directory", test.directory());
      c.put("name", test.name());
      c.put("status", test.status().name().toLowerCase(Locale.ROOT));
      c.put("message", test.message());
      c.put("time_seconds", seconds(test.time()));
      cases.add(c);
    }
    json.put("cases", cases);
    return json;
  }

  private static double seconds(Duration time) {
    return time.toMillis() / 1000.0;
  }

  private void printJson(Map<String, Object> json) {
    try {
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
      out.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
