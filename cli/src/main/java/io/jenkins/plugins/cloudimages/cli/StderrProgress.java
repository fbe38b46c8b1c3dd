package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.publish.UploadProgress;
import java.io.PrintWriter;

/**
 * Upload progress on stderr: a redrawn bar on a terminal, otherwise one line every 10 percent (so
 * CI logs stay short).
 */
final class StderrProgress implements UploadProgress {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private String current;
  private int lastShown = -1;

  StderrProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void update(String name, long done, long total) {
    if (!name.equals(current)) {
      current = name;
      lastShown = -1;
    }
    int percent = total == 0 ? 100 : (int) (done * 100 / total);
    if (terminal) {
      int step = percent / 2;
      if (step != lastShown) {
        lastShown = step;
        int filled = percent * WIDTH / 100;
        err.print(
            "\r"
                + name
                + " ["
                + "#".repeat(filled)
                + " ".repeat(WIDTH - filled)
                + "] "
                + percent
                + "% "
                + rate(done));
        if (percent == 100) {
          err.println();
        }
        err.flush();
      }
    } else if (percent / 10 != lastShown) {
      lastShown = percent / 10;
      err.println(name + ": " + percent + "% (" + done + " of " + total + " bytes) " + rate(done));
      err.flush();
    }
  }

  private String rate(long done) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return seconds < 0.001 ? "" : String.format("%.0f MiB/s", done / seconds / (1024 * 1024));
  }

  @Override
  public void note(String message) {
    if (terminal && lastShown >= 0) {
      err.println();
    }
    err.println("cloudimg publish: " + message);
    err.flush();
  }
}
