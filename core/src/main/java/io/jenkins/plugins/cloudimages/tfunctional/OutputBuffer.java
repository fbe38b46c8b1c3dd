package io.jenkins.plugins.cloudimages.tfunctional;

import java.util.ArrayDeque;

/**
 * Keeps the output of a test within a fixed number of characters: when there is more, the first
 * half of the budget holds the beginning, the second half the most recent lines, and a line in
 * between says how many lines were left out.
 */
final class OutputBuffer {
  private final int halfBudget;
  private final StringBuilder head = new StringBuilder();
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private int tailChars;
  private long omitted;

  OutputBuffer(int maxChars) {
    this.halfBudget = Math.max(64, maxChars / 2);
  }

  void append(String line) {
    if (tail.isEmpty() && head.length() + line.length() + 1 <= halfBudget) {
      head.append(line).append('\n');
      return;
    }
    String kept = line.length() > halfBudget ? line.substring(0, halfBudget - 1) : line;
    tail.addLast(kept);
    tailChars += kept.length() + 1;
    while (tailChars > halfBudget) {
      tailChars -= tail.removeFirst().length() + 1;
      omitted++;
    }
  }

  boolean isEmpty() {
    return head.length() == 0 && tail.isEmpty();
  }

  /** The last lines kept, at most {@code lines} of them. */
  String lastLines(int lines) {
    String[] all = toString().split("\n", -1);
    int end = all.length > 0 && all[all.length - 1].isEmpty() ? all.length - 1 : all.length;
    int start = Math.max(0, end - lines);
    return String.join("\n", java.util.Arrays.asList(all).subList(start, end));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(head);
    if (omitted > 0) {
      text.append("[... ").append(omitted).append(" lines left out ...]\n");
    }
    for (String line : tail) {
      text.append(line).append('\n');
    }
    return text.toString();
  }
}
