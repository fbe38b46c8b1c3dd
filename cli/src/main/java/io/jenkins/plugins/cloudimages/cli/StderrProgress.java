package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.build.BuildListener;
import io.jenkins.plugins.cloudimages.publish.UploadProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of long steps on stderr, never on stdout (which carries {@code --format json}). On a
 * terminal one status line is redrawn in place ({@code \r}): bytes, rate and ETA of an upload, the
 * percent of a build step, the elapsed time of a step that only waits (a booting instance); log
 * lines are printed above it. Elsewhere (CI logs) plain lines: every 10 percent, and every {@link
 * #PLAIN_STEP_SECONDS} seconds of a waiting step.
 */
final class StderrProgress implements UploadProgress, BuildListener {
  static final int PLAIN_STEP_SECONDS = 30;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final double MIB = 1024 * 1024;

  private final PrintWriter err;
  private final boolean terminal;
  private final String command;
  private final LongSupplier nanoTime;
  private final int width;

  /** What the status line shows; null when there is none. */
  private Status status;

  private boolean drawn;
  private long lastDrawNanos = Long.MIN_VALUE;

  /**
   * @param terminal redraw one line in place rather than printing plain lines
   * @param command the command's name, prefixed to notes ("cloudimg publish: ...")
   * @param nanoTime the clock (System::nanoTime; tests pass their own)
   * @param width characters the status line may use (longer ones would wrap and break the redraw)
   */
  StderrProgress(
      PrintWriter err, boolean terminal, String command, LongSupplier nanoTime, int width) {
    this.err = err;
    this.terminal = terminal;
    this.command = command;
    this.nanoTime = nanoTime;
    this.width = Math.max(20, width);
  }

  /** For a command: a status line when stderr is taken as a terminal, or {@code --progress}. */
  static StderrProgress of(PrintWriter err, String command, boolean forced) {
    return new StderrProgress(
        err, forced || System.console() != null, command, System::nanoTime, columns());
  }

  private static int columns() {
    try {
      return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").strip());
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  private sealed interface Status {}

  private record Upload(String name, long started, long done, long total) implements Status {}

  private record Percent(String step, long started, int percent) implements Status {}

  private record Waiting(String step, long started, long lastPlainSecond) implements Status {}

  // --- uploads (publish)

  @Override
  public synchronized void update(String name, long done, long total) {
    long now = nanoTime.getAsLong();
    Upload previous =
        status instanceof Upload u && u.name.equals(name) && u.done <= done ? u : null;
    Upload upload = new Upload(name, previous == null ? now : previous.started, done, total);
    status = upload;
    boolean finished = done >= total;
    if (terminal) {
      if (finished || previous == null || now - lastDrawNanos >= REDRAW_NANOS) {
        draw(now);
      }
      if (finished) {
        endLine();
      }
    } else if (previous == null || tenth(done, total) != tenth(previous.done, total)) {
      println(render(upload, now));
    }
    if (finished) {
      status = null;
    }
  }

  @Override
  public synchronized void note(String message) {
    line(command + ": " + message);
  }

  // --- build steps and log lines

  @Override
  public synchronized void log(String line) {
    line(line);
  }

  @Override
  public synchronized void progress(String step, int percent) {
    long now = nanoTime.getAsLong();
    Percent previous = status instanceof Percent p && p.step.equals(step) ? p : null;
    Percent current = new Percent(step, previous == null ? now : previous.started, percent);
    status = current;
    if (terminal) {
      draw(now);
      if (percent >= 100) {
        endLine();
      }
    } else if (previous == null || percent / 10 != previous.percent / 10 || percent >= 100) {
      println(render(current, now));
    }
    if (percent >= 100) {
      status = null;
    }
  }

  /**
   * A log line that starts a step which only waits (e.g. "booting ..."): printed, then shown with
   * its elapsed time until the next step or {@link #done()}.
   */
  synchronized void waiting(String step) {
    line(step);
    status = new Waiting(step, nanoTime.getAsLong(), 0);
    if (terminal) {
      draw(nanoTime.getAsLong());
    }
  }

  /** Called about once a second: refreshes elapsed times. */
  synchronized void tick() {
    long now = nanoTime.getAsLong();
    if (status == null) {
      return;
    }
    if (terminal) {
      draw(now);
    } else if (status instanceof Waiting w) {
      long second = seconds(now - w.started);
      if (second - w.lastPlainSecond >= PLAIN_STEP_SECONDS) {
        long shown = second - second % PLAIN_STEP_SECONDS;
        status = new Waiting(w.step, w.started, shown);
        println(w.step + ": " + clock(shown) + " so far");
      }
    }
  }

  /** Ends the status line, e.g. before the command prints its result. */
  synchronized void done() {
    if (drawn) {
      err.print("\r\u001b[K");
      err.flush();
      drawn = false;
    }
    status = null;
  }

  /** Calls {@link #tick()} every second on a daemon thread until {@link Ticker#stop()}. */
  Ticker ticking() {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cloudimg progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    return () -> {
      ticker.shutdownNow();
      done();
    };
  }

  /** Stops the ticks and ends the status line. */
  @FunctionalInterface
  interface Ticker {
    void stop();
  }

  // --- rendering

  private void line(String text) {
    if (drawn) {
      err.print("\r\u001b[K");
      drawn = false;
    }
    err.println(text);
    if (terminal && status != null) {
      draw(nanoTime.getAsLong());
    }
    err.flush();
  }

  private void draw(long now) {
    String text = render(status, now);
    if (text.length() > width - 1) {
      text = text.substring(0, width - 2) + "…";
    }
    err.print("\r" + text + "\u001b[K");
    err.flush();
    drawn = true;
    lastDrawNanos = now;
  }

  private void endLine() {
    err.println();
    err.flush();
    drawn = false;
  }

  private void println(String text) {
    err.println(text);
    err.flush();
  }

  private static String render(Status status, long now) {
    if (status instanceof Upload u) {
      double seconds = (now - u.started) / 1e9;
      double rate = seconds > 0 ? u.done / seconds : 0;
      StringBuilder text = new StringBuilder();
      text.append(u.name)
          .append(": ")
          .append(percent(u.done, u.total))
          .append("% ")
          .append(mib(u.done))
          .append(" of ")
          .append(mib(u.total))
          .append(" MiB");
      if (rate > 0) {
        text.append(String.format(Locale.ROOT, ", %.0f MiB/s", rate / MIB));
        if (u.done < u.total) {
          text.append(", ETA ").append(clock((long) Math.ceil((u.total - u.done) / rate)));
        } else {
          text.append(", ").append(clock(Math.round(seconds)));
        }
      }
      return text.toString();
    }
    if (status instanceof Percent p) {
      return p.step + " " + p.percent + "% (" + clock(seconds(now - p.started)) + ")";
    }
    Waiting w = (Waiting) status;
    return w.step + " (" + clock(seconds(now - w.started)) + ")";
  }

  private static int percent(long done, long total) {
    return total <= 0 ? 100 : (int) (done * 100 / total);
  }

  private static int tenth(long done, long total) {
    return percent(done, total) / 10;
  }

  private static long seconds(long nanos) {
    return nanos / 1_000_000_000L;
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / MIB);
  }

  /** {@code 42 s}, {@code 3:07}, {@code 1:02:03}. */
  static String clock(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
