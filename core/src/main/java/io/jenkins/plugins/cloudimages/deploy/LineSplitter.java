package io.jenkins.plugins.cloudimages.deploy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An output stream that hands each complete line (without its line end) to a consumer. A line
 * longer than {@link #MAX_LINE_BYTES} is passed on in pieces, so a program that never prints a
 * newline cannot fill the memory.
 */
public final class LineSplitter extends OutputStream {
  static final int MAX_LINE_BYTES = 16 * 1024;

  private final Consumer<String> listener;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  public LineSplitter(Consumer<String> listener) {
    this.listener = listener;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
      return;
    }
    line.write(b);
    if (line.size() >= MAX_LINE_BYTES) {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** Passes on a last line that has no newline. */
  @Override
  public synchronized void flush() {
    if (line.size() > 0) {
      emit();
    }
  }

  @Override
  public void close() {
    flush();
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    listener.accept(text);
  }
}
