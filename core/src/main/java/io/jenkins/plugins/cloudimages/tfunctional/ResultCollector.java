package io.jenkins.plugins.cloudimages.tfunctional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the events of a run (a file begins, prints, ends; the run is cut short) into one result per
 * planned file, and echoes a one-line verdict per file to the live log. Output is kept per file
 * within a fixed size.
 */
final class ResultCollector {
  static final int MAX_OUTPUT_CHARS_PER_TEST = 64 * 1024;
  static final String LIVE_PREFIX = "[cloudimg] ";

  private final LineListener live;
  private final Map<String, TestCaseResult> finished = new LinkedHashMap<>();
  private final List<PlannedTest> plan;
  private final OutputBuffer runnerOutput = new OutputBuffer(MAX_OUTPUT_CHARS_PER_TEST);
  private Running current;

  private static final class Running {
    final String path;
    final long startNanos = System.nanoTime();
    final OutputBuffer output = new OutputBuffer(MAX_OUTPUT_CHARS_PER_TEST);
    String lastMessage;
    String skipMessage;
    boolean loggedFail;

    Running(String path) {
      this.path = path;
    }
  }

  ResultCollector(List<PlannedTest> plan, LineListener live) {
    this.plan = List.copyOf(plan);
    this.live = live;
    for (PlannedTest test : plan) {
      if (!test.runs()) {
        finished.put(
            test.path(),
            new TestCaseResult(
                test.path(), TestStatus.SKIPPED, test.skipReason(), "", Duration.ZERO));
      }
    }
  }

  /** The file now running, or null. */
  String currentPath() {
    return current == null ? null : current.path;
  }

  boolean isPlanned(String path) {
    return plan.stream().anyMatch(t -> t.runs() && t.path().equals(path));
  }

  boolean hasResult(String path) {
    return finished.containsKey(path);
  }

  /** The planned files after {@code path} that have no result yet. */
  List<String> pendingBefore(String path) {
    List<String> pending = new ArrayList<>();
    for (PlannedTest test : plan) {
      if (test.path().equals(path)) {
        return pending;
      }
      if (test.runs() && !finished.containsKey(test.path()) && !test.path().equals(currentPath())) {
        pending.add(test.path());
      }
    }
    return pending;
  }

  void begin(String path) {
    current = new Running(path);
  }

  /** A line of output: the running file's, or the runner's when none runs. */
  void output(String line) {
    live.line(line);
    if (current == null) {
      runnerOutput.append(line);
      return;
    }
    current.output.append(line);
    String message = LogLine.message(line);
    if (message == null) {
      return;
    }
    if (LogLine.isFail(message)) {
      current.loggedFail = true;
    } else if (LogLine.isSkip(message)) {
      String reason = LogLine.skipReason(message);
      current.skipMessage =
          "SKIP: "
              + (reason.isEmpty() && current.lastMessage != null ? current.lastMessage : reason);
    }
    current.lastMessage = message;
  }

  /** A message of the runner itself, kept with the runner's output and shown live. */
  void note(String message) {
    String line = LIVE_PREFIX + message;
    live.line(line);
    runnerOutput.append(line);
  }

  /** The running file ended with {@code exitStatus}. */
  void end(int exitStatus) {
    Running test = current;
    if (test == null) {
      return;
    }
    if (exitStatus != 0) {
      record(
          test,
          TestStatus.FAILED,
          test.loggedFail
              ? "FAIL (exited with status " + exitStatus + ")"
              : "exited with status " + exitStatus);
    } else if (test.loggedFail) {
      record(test, TestStatus.FAILED, "logged FAIL but exited with status 0");
    } else if (test.skipMessage != null) {
      record(test, TestStatus.SKIPPED, test.skipMessage.replaceAll(": $", ""));
    } else {
      record(test, TestStatus.PASSED, null);
    }
  }

  /** A file that ran without any output of its own: it passed (used by the runtests mode). */
  void passedSilently(String path, String message) {
    finished.put(path, new TestCaseResult(path, TestStatus.PASSED, message, "", Duration.ZERO));
    echo(finished.get(path));
  }

  /** The running file stopped with {@code status} for {@code reason}. */
  void stopCurrent(TestStatus status, String reason) {
    if (current != null) {
      record(current, status, reason);
    }
  }

  /** Every planned file without a result is reported as not run, with {@code reason}. */
  void notRun(String reason) {
    for (PlannedTest test : plan) {
      if (!finished.containsKey(test.path())) {
        finished.put(
            test.path(),
            new TestCaseResult(test.path(), TestStatus.SKIPPED, reason, "", Duration.ZERO));
      }
    }
  }

  private void record(Running test, TestStatus status, String message) {
    Duration time = Duration.ofNanos(System.nanoTime() - test.startNanos);
    TestCaseResult result =
        new TestCaseResult(test.path, status, message, test.output.toString(), time);
    finished.put(test.path, result);
    current = null;
    echo(result);
  }

  private void echo(TestCaseResult result) {
    String line =
        LIVE_PREFIX
            + result.status().name()
            + " "
            + result.path()
            + String.format(Locale.ROOT, " (%.1f s)", result.time().toMillis() / 1000.0)
            + (result.message() == null ? "" : ": " + result.message());
    live.line(line);
    runnerOutput.append(line);
  }

  /** One result per planned file, in plan order. */
  List<TestCaseResult> results() {
    List<TestCaseResult> results = new ArrayList<>();
    for (PlannedTest test : plan) {
      TestCaseResult result = finished.get(test.path());
      if (result != null) {
        results.add(result);
      }
    }
    return results;
  }

  String runnerOutput() {
    return runnerOutput.toString();
  }

  /** The last lines the running file printed (for an error message). */
  String currentTail() {
    return current == null ? "" : current.output.lastLines(10);
  }
}
