package io.jenkins.plugins.cloudimages.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress}: the redrawn status line even when stderr is not taken as a terminal. */
final class ProgressOption {
  @Option(
      names = "--progress",
      description =
          "Redraw one progress line on stderr (with \\r) even when no terminal is detected;"
              + " otherwise plain progress lines are printed.")
  boolean forced;

  StderrProgress on(PrintWriter err, String command) {
    return StderrProgress.of(err, command, forced);
  }
}
