package hudson.tasks;

import hudson.ExtensionPoint;

public abstract class Recorder extends Publisher implements ExtensionPoint {
  @SuppressWarnings("deprecation") // super only @Deprecated to discourage other subclasses
  protected Recorder() {
    throw new UnsupportedOperationException();
  }
}
