package io.jenkins.plugins.cloudimages.deploy;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Keeps the last lines of a command's output for its {@link RemoteShell.Result}, at most {@link
 * #LIMIT} characters: a test suite that prints for ten minutes must not fill the memory.
 */
public final class OutputTail implements Consumer<String> {
  public static final int LIMIT = 256 * 1024;

  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private int chars;

  @Override
  public synchronized void accept(String line) {
    String kept = line.length() >= LIMIT ? line.substring(line.length() - LIMIT + 1) : line;
    lines.addLast(kept);
    chars += kept.length() + 1;
    while (chars > LIMIT) {
      chars -= lines.removeFirst().length() + 1;
    }
  }

  /** Passes each line to {@code live} too. */
  public Consumer<String> alsoTo(Consumer<String> live) {
    return line -> {
      live.accept(line);
      accept(line);
    };
  }

  @Override
  public synchronized String toString() {
    StringBuilder text = new StringBuilder(chars);
    lines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }
}
