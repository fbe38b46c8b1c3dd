package io.jenkins.plugins.cloudimages.tfunctional;

/**
 * The runtests mode: reads the output of the suite's own {@code runtests.sh} into per-file results
 * as far as it allows. A file is recognised by its {@code Running <path>} log line; since
 * runtests.sh stops at the first failing file, every planned file before one that announced itself
 * has passed, even when it printed nothing.
 */
final class RuntestsProtocol implements LineListener {
  static final String SILENT_PASS =
      "passed: printed no 'Running' line, and runtests.sh went on after it";
  private final ResultCollector collector;
  private boolean finished;

  RuntestsProtocol(ResultCollector collector) {
    this.collector = collector;
  }

  @Override
  public void line(String line) {
    String message = LogLine.message(line);
    if (message != null) {
      String path = LogLine.runningPath(message);
      if (path != null
          && collector.isPlanned(path)
          && !collector.hasResult(path)
          && !path.equals(collector.currentPath())) {
        passUpTo(path);
        collector.begin(path);
      } else if (message.equals(LogLine.FINISHED)) {
        finished = true;
        collector.end(0);
      }
    }
    collector.output(line);
  }

  private void passUpTo(String path) {
    collector.end(0);
    for (String silent : collector.pendingBefore(path)) {
      collector.passedSilently(silent, SILENT_PASS);
    }
  }

  /** runtests.sh exited with {@code exitStatus}; settles the files not judged yet. */
  void exited(int exitStatus) {
    if (exitStatus == 0) {
      collector.end(0);
      if (finished) {
        for (String silent : collector.pendingBefore(null)) {
          collector.passedSilently(silent, SILENT_PASS);
        }
        return;
      }
      collector.note(
          "runtests.sh exited with status 0 without printing '" + LogLine.FINISHED + "'");
      collector.notRun("not run: runtests.sh ended without '" + LogLine.FINISHED + "'");
      return;
    }
    if (collector.currentPath() != null) {
      collector.end(exitStatus);
    } else {
      collector.note(
          "runtests.sh exited with status "
              + exitStatus
              + " outside any test that announced itself");
    }
    collector.notRun("not run: runtests.sh stops at the first failing file");
  }

  /** Whether runtests.sh printed {@code QA t_functional tests finished.} */
  boolean finished() {
    return finished;
  }
}
