package io.jenkins.plugins.cloudimages.tfunctional;

import static io.jenkins.plugins.cloudimages.support.ShellQuote.quote;

import io.jenkins.plugins.cloudimages.deploy.ConnectionDroppedException;
import io.jenkins.plugins.cloudimages.deploy.RemoteShell;
import io.jenkins.plugins.cloudimages.deploy.RemoteShellException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the CentOS functional suite (t_functional) on an instance through a {@link RemoteShell}:
 * puts the suite into a fresh working folder there (git clone on the instance, or a tar.gz of a
 * local folder), plans which files run, runs them as root with {@code SKIP_QA_HARNESS=1} under
 * {@code setsid} within the time budget, kills the whole remote session when the budget runs out,
 * and removes the working folder.
 */
public final class TFunctionalRunner {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  private static final String SUITE = "suite";

  private final RemoteShell shell;
  private final TFunctionalConfig config;
  private final LineListener live;
  private final OutputBuffer preamble = new OutputBuffer(ResultCollector.MAX_OUTPUT_CHARS_PER_TEST);
  private ResultCollector collector;

  /**
   * @param live receives every line of output as it arrives, and a verdict line per file
   */
  public TFunctionalRunner(RemoteShell shell, TFunctionalConfig config, LineListener live) {
    this.shell = shell;
    this.config = config;
    this.live = live == null ? LineListener.IGNORE : live;
  }

  /**
   * Runs the suite. Failing tests, a budget that runs out and a connection lost during the tests
   * are part of the result; problems before the tests start (no root, a suite that cannot be
   * fetched, a selected directory that does not exist) are thrown.
   */
  public TFunctionalResult run() throws TFunctionalException, IOException, InterruptedException {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    Workplace workplace = prepare();
    String work = workplace.folder();
    String sudo = workplace.sudo();
    boolean connected = true;
    try {
      fetch(work);
      Inventory inventory = inventory(work);
      String release = config.release() != null ? config.release() : inventory.release;
      if (release.isEmpty()) {
        say("could not tell the image's major release; the skip lists are not applied");
      }
      TestPlan plan =
          TestPlan.of(
              inventory.files, config.tests(), inventory.skips.plus(config.skipList()), release);
      say(
          "running "
              + plan.runnable().size()
              + " test files ("
              + (plan.tests().size() - plan.runnable().size())
              + " disabled by the skip lists) in "
              + modeName()
              + " mode as root with SKIP_QA_HARNESS=1, time budget "
              + formatDuration(config.budget()));
      collector = new ResultCollector(plan.tests(), live);
      Outcome outcome =
          config.mode() == TFunctionalConfig.Mode.PER_FILE
              ? runPerFile(work, sudo, plan, collector)
              : runRuntests(work, sudo, inventory, plan, collector);
      connected = !outcome.connectionLost;
      Duration time = Duration.ofNanos(System.nanoTime() - startNanos);
      TFunctionalResult result =
          new TFunctionalResult(
              config.mode(),
              shell.describe(),
              config.suite().describe(),
              release,
              collector.results(),
              outcome.problem == null && noFailures(collector.results()),
              outcome.problem,
              outcome.connectionLost,
              started,
              time,
              preamble + collector.runnerOutput());
      say((result.passed() ? "PASSED: " : "FAILED: ") + result.summary());
      return result;
    } catch (ConnectionDroppedException e) {
      connected = false;
      throw e;
    } finally {
      if (connected) {
        cleanUp(work, sudo);
      }
    }
  }

  private record Outcome(String problem, boolean connectionLost) {}

  private static final class Inventory {
    String release = "";
    boolean hasRuntests;
    boolean hasLibrary;
    final List<SuiteFile> files = new ArrayList<>();
    final StringBuilder skipListText = new StringBuilder();
    SkipList skips = SkipList.empty();
  }

  // --- preparing

  /** Where the run happens: its working folder, and how commands become root there. */
  private record Workplace(String folder, String sudo) {}

  /**
   * Makes the run's working folder and finds out how to become root: "" when the login user is
   * root, "sudo -n " when it may use sudo without a password.
   */
  private Workplace prepare() throws IOException, InterruptedException, TFunctionalException {
    Captured made =
        capture(
            "id -u && mktemp -d " + quote(config.remoteBase() + "/cloudimg-tfunctional.XXXXXX"),
            COMMAND_TIMEOUT);
    String path = made.lines.isEmpty() ? "" : made.lines.get(made.lines.size() - 1).strip();
    if (!made.result.succeeded() || made.lines.size() < 2 || !path.startsWith("/")) {
      throw new TFunctionalException(
          "cannot make a working folder under "
              + config.remoteBase()
              + " on "
              + shell.describe()
              + ": "
              + made.tail());
    }
    if (made.lines.get(0).strip().equals("0")) {
      return new Workplace(path, "");
    }
    Captured sudo = capture("sudo -n true", COMMAND_TIMEOUT);
    if (!sudo.result.succeeded()) {
      capture("rm -rf " + quote(path), COMMAND_TIMEOUT);
      throw new TFunctionalException(
          "t_functional runs as root, but the login "
              + shell.describe()
              + " is not root and cannot use sudo without a password: "
              + sudo.tail());
    }
    return new Workplace(path, "sudo -n ");
  }

  private void fetch(String work) throws IOException, InterruptedException, TFunctionalException {
    if (config.suite() instanceof SuiteSource.Git git) {
      say("cloning " + git.describe() + " on " + shell.describe());
      String command =
          "cd "
              + quote(work)
              + " || exit 1\n"
              + "command -v git >/dev/null 2>&1 || { echo 'git is not installed on the instance"
              + " (install it in the image, or give a local suite folder to copy)'; exit 127; }\n"
              + "GIT_TERMINAL_PROMPT=0 git clone --quiet -- "
              + quote(git.url())
              + " "
              + SUITE
              + " 2>&1 || exit 1\n"
              + (git.ref() == null
                  ? ""
                  : "cd " + SUITE + " && git checkout --quiet " + quote(git.ref()) + " -- 2>&1\n");
      Captured clone = capture(command, config.fetchTimeout());
      if (!clone.result.succeeded()) {
        throw new TFunctionalException(
            "fetching the suite "
                + git.describe()
                + " on "
                + shell.describe()
                + (clone.result.timedOut()
                    ? " timed out after " + formatDuration(config.fetchTimeout())
                    : " failed: " + clone.tail()));
      }
    } else if (config.suite() instanceof SuiteSource.Directory directory) {
      say("copying " + directory.describe() + " to " + shell.describe());
      Path archive = archive(directory.dir());
      try (InputStream in = open(archive)) {
        shell.upload(in, work + "/suite.tar.gz");
      } finally {
        deleteQuietly(archive);
      }
      String unpack =
          "cd "
              + quote(work)
              + " && mkdir "
              + SUITE
              + " && tar -xzf suite.tar.gz -C "
              + SUITE
              + " 2>&1 && rm -f suite.tar.gz";
      Captured unpacked = capture(unpack, config.fetchTimeout());
      if (!unpacked.result.succeeded()) {
        throw new TFunctionalException(
            "unpacking the suite on " + shell.describe() + " failed: " + unpacked.tail());
      }
    }
  }

  private static Path archive(Path dir) throws TFunctionalException {
    try {
      Path archive = Files.createTempFile("cloudimg-suite-", ".tar.gz");
      try (OutputStream out = Files.newOutputStream(archive)) {
        TarGzArchive.write(dir, out);
      } catch (IOException e) {
        deleteQuietly(archive);
        throw e;
      }
      return archive;
    } catch (IOException e) {
      throw new TFunctionalException(
          "cannot pack the suite folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path archive) throws TFunctionalException {
    try {
      return Files.newInputStream(archive);
    } catch (IOException e) {
      throw new TFunctionalException("cannot read " + archive + ": " + e.getMessage(), e);
    }
  }

  /** Lists the suite's files, its own skip list and the image's major release. */
  private Inventory inventory(String work)
      throws IOException, InterruptedException, TFunctionalException {
    String command =
        "cd "
            + quote(work + "/" + SUITE)
            + " || exit 1\n"
            + "r=$(rpm -E %rhel 2>/dev/null | grep -E '^[0-9]+$')\n"
            + "[ -n \"$r\" ] || r=$( . /etc/os-release 2>/dev/null; v=\"${VERSION_ID:-}\";"
            + " echo \"${v%%.*}\")\n"
            + "echo \"R $r\"\n"
            + "[ -f runtests.sh ] && echo 'H runtests'\n"
            + "[ -f tests/0_lib/functions.sh ] && echo 'H library'\n"
            + "[ -d tests ] && find tests -type f -exec sh -c"
            + " 'for f do if [ -x \"$f\" ]; then echo \"F x $f\"; else echo \"F - $f\"; fi; done'"
            + " sh {} +\n"
            + "[ -f skipped-tests.list ] && sed 's/^/S /' skipped-tests.list\n"
            + "true";
    Captured listing = capture(command, COMMAND_TIMEOUT);
    if (!listing.result.succeeded()) {
      throw new TFunctionalException(
          "cannot list the suite on " + shell.describe() + ": " + listing.tail());
    }
    Inventory inventory = new Inventory();
    for (String line : listing.lines) {
      if (line.startsWith("R ")) {
        inventory.release = line.substring(2).strip();
      } else if (line.equals("H runtests")) {
        inventory.hasRuntests = true;
      } else if (line.equals("H library")) {
        inventory.hasLibrary = true;
      } else if (line.startsWith("F ") && line.length() > 4) {
        inventory.files.add(new SuiteFile(line.substring(4), line.charAt(2) == 'x'));
      } else if (line.startsWith("S ") || line.equals("S")) {
        inventory.skipListText.append(line.length() > 2 ? line.substring(2) : "").append('\n');
      }
    }
    List<String> problems = new ArrayList<>();
    inventory.skips =
        SkipList.parseLenient(inventory.skipListText.toString(), "skipped-tests.list", problems);
    problems.forEach(p -> say("ignoring a line of the suite's " + p));
    String missing =
        config.mode() == TFunctionalConfig.Mode.PER_FILE
            ? (inventory.hasLibrary ? null : "tests/0_lib/functions.sh")
            : (inventory.hasRuntests ? null : "runtests.sh");
    if (missing != null) {
      throw new TFunctionalException(
          "not a t_functional suite: " + config.suite().describe() + " has no " + missing);
    }
    return inventory;
  }

  // --- running

  private Outcome runPerFile(String work, String sudo, TestPlan plan, ResultCollector collector)
      throws IOException, InterruptedException {
    upload(PerFileProtocol.driverScript(), work + "/driver.sh");
    upload(lines(plan.runnable().stream().map(PlannedTest::path).toList()), work + "/tests.list");
    PerFileProtocol protocol = new PerFileProtocol(collector);
    String command =
        "bash "
            + quote(work + "/driver.sh")
            + " "
            + quote(protocol.marker())
            + " "
            + quote(work + "/tests.list");
    Outcome interrupted = runInSession(work, sudo, command, protocol, collector);
    if (interrupted != null) {
      return interrupted;
    }
    if (!protocol.done()) {
      collector.stopCurrent(TestStatus.ERROR, "the runner stopped while this file ran");
      collector.notRun("not run: the runner stopped before reaching it");
      return new Outcome("the per-file runner stopped before the end of the list", false);
    }
    return new Outcome(null, false);
  }

  private Outcome runRuntests(
      String work, String sudo, Inventory inventory, TestPlan plan, ResultCollector collector)
      throws IOException, InterruptedException {
    List<String> disabled = filesToDisable(inventory, plan);
    if (!disabled.isEmpty()) {
      upload(lines(disabled), work + "/disabled.list");
      Captured chmod =
          capture(
              "cd "
                  + quote(work + "/" + SUITE)
                  + " && while IFS= read -r f; do chmod -x \"$f\" || exit 1; done < ../disabled.list",
              COMMAND_TIMEOUT);
      if (!chmod.result.succeeded()) {
        throw new RemoteShellException("cannot disable unselected tests: " + chmod.tail());
      }
    }
    RuntestsProtocol protocol = new RuntestsProtocol(collector);
    RemoteShell.Result[] exit = new RemoteShell.Result[1];
    Outcome interrupted = runInSession(work, sudo, "bash ./runtests.sh", protocol, collector, exit);
    if (interrupted != null) {
      return interrupted;
    }
    protocol.exited(exit[0].exitCode());
    if (exit[0].exitCode() == 0 && protocol.finished()) {
      return new Outcome(null, false);
    }
    return new Outcome(
        protocol.finished()
            ? "runtests.sh exited with status " + exit[0].exitCode()
            : "runtests.sh exited with status "
                + exit[0].exitCode()
                + " without printing '"
                + LogLine.FINISHED
                + "'",
        false);
  }

  /**
   * Executable test files runtests.sh would run that are outside the plan (not selected, or in the
   * skip list given by the user): runtests.sh skips files that are not executable.
   */
  private static List<String> filesToDisable(Inventory inventory, TestPlan plan) {
    Set<String> planned = new HashSet<>();
    plan.runnable().forEach(t -> planned.add(t.path()));
    return inventory.files.stream()
        .filter(SuiteFile::executable)
        .filter(f -> !planned.contains(f.path()))
        .filter(
            f -> {
              String dir = TestPlan.directoryOf(f.path());
              return dir != null
                  && !dir.equals(TestPlan.LIBRARY_DIRECTORY)
                  && dir.matches("[0przPRZ]_.*");
            })
        .filter(f -> TestPlan.isTestName(f.path()))
        .map(SuiteFile::path)
        .sorted()
        .collect(Collectors.toList());
  }

  private Outcome runInSession(
      String work, String sudo, String command, LineListener protocol, ResultCollector collector)
      throws IOException, InterruptedException {
    return runInSession(work, sudo, command, protocol, collector, new RemoteShell.Result[1]);
  }

  /**
   * Runs {@code command} in the suite folder as root in a new session whose id is written to
   * run.pid, so that the whole process tree can be killed. Returns null when it ended by itself.
   */
  private Outcome runInSession(
      String work,
      String sudo,
      String command,
      LineListener protocol,
      ResultCollector collector,
      RemoteShell.Result[] exit)
      throws IOException, InterruptedException {
    StringBuilder env = new StringBuilder("SKIP_QA_HARNESS=1");
    for (Map.Entry<String, String> variable : config.environment().entrySet()) {
      env.append(' ').append(quote(variable.getKey() + "=" + variable.getValue()));
    }
    String wrapped =
        "cd "
            + quote(work + "/" + SUITE)
            + " || exit 1\n"
            + sudo
            + "env "
            + env
            + " setsid bash -c 'echo $$ > \"$0\"; exec \"$@\"' "
            + quote(work + "/run.pid")
            + " "
            + command
            + " </dev/null 2>&1 &\n"
            + "wait $!";
    String budget = formatDuration(config.budget());
    try {
      exit[0] = shell.run(wrapped, config.budget(), protocol::line);
    } catch (ConnectionDroppedException e) {
      String running = collector.currentPath();
      collector.stopCurrent(
          TestStatus.ERROR,
          "the connection to " + shell.describe() + " was lost while this file ran");
      collector.notRun("not run: the connection to " + shell.describe() + " was lost");
      return new Outcome(
          e.getMessage()
              + (running == null ? "" : " while " + running + " ran")
              + "; the tests may still be running there",
          true);
    } catch (InterruptedException e) {
      killSession(work, sudo);
      throw e;
    }
    if (exit[0].timedOut()) {
      killSession(work, sudo);
      collector.stopCurrent(
          TestStatus.FAILED,
          "hit the time budget of " + budget + ": stopped, with every process it started");
      collector.notRun("not run: the time budget of " + budget + " ran out");
      return new Outcome("the time budget of " + budget + " ran out", false);
    }
    return null;
  }

  /** Kills every process of the run's session (the run's setsid made it the session leader). */
  private void killSession(String work, String sudo) throws InterruptedException {
    String command =
        "p=$(cat "
            + quote(work + "/run.pid")
            + " 2>/dev/null)\n"
            + "[ -n \"$p\" ] || exit 0\n"
            + sudo
            + "sh -c 'pkill -KILL -s \"$1\" 2>/dev/null; kill -KILL -- \"-$1\" 2>/dev/null; true'"
            + " sh \"$p\"\n"
            + "for i in 1 2 3 4 5 6 7 8 9 10; do"
            + " pgrep -s \"$p\" >/dev/null 2>&1 || exit 0; sleep 0.5; done\n"
            + "echo \"processes of session $p are still alive\"; exit 1";
    try {
      Captured killed = capture(command, Duration.ofSeconds(30));
      say(
          killed.result.succeeded()
              ? "stopped the tests: killed their process tree"
              : "could not kill every test process: " + killed.tail());
    } catch (IOException e) {
      say("could not kill the test processes: " + e.getMessage());
    }
  }

  private void cleanUp(String work, String sudo) throws InterruptedException {
    if (config.keepRemote()) {
      say("kept the working folder " + work + " on " + shell.describe());
      return;
    }
    try {
      Captured removed = capture(sudo + "rm -rf " + quote(work), COMMAND_TIMEOUT);
      if (!removed.result.succeeded()) {
        say("could not remove " + work + ": " + removed.tail());
      }
    } catch (IOException e) {
      say("could not remove " + work + ": " + e.getMessage());
    }
  }

  // --- helpers

  private record Captured(RemoteShell.Result result, List<String> lines) {
    String tail() {
      int from = Math.max(0, lines.size() - 10);
      String text = String.join("\n", lines.subList(from, lines.size())).strip();
      if (result.timedOut()) {
        return "timed out" + (text.isEmpty() ? "" : ": " + text);
      }
      return text.isEmpty() ? "exit status " + result.exitCode() : text;
    }
  }

  private Captured capture(String command, Duration timeout)
      throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    RemoteShell.Result result =
        shell.run(
            command,
            timeout,
            line -> {
              if (lines.size() < 100_000) {
                lines.add(line);
              }
            });
    return new Captured(result, lines);
  }

  private void upload(String text, String remotePath) throws IOException, InterruptedException {
    shell.upload(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), remotePath);
  }

  private static String lines(List<String> values) {
    return values.stream().map(v -> v + "\n").collect(Collectors.joining());
  }

  private static boolean noFailures(List<TestCaseResult> cases) {
    return cases.stream()
        .noneMatch(c -> c.status() == TestStatus.FAILED || c.status() == TestStatus.ERROR);
  }

  private String modeName() {
    return config.mode() == TFunctionalConfig.Mode.PER_FILE ? "per-file" : "runtests";
  }

  private void say(String message) {
    if (collector != null) {
      collector.note(message);
    } else {
      preamble.append(ResultCollector.LIVE_PREFIX + message);
      live.line(ResultCollector.LIVE_PREFIX + message);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file; the OS cleans its temp folder
    }
  }

  /** {@code 10m}, {@code 90s}, {@code 1h}, {@code 1500ms}. */
  public static String formatDuration(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
