package io.jenkins.plugins.cloudimages.publish;

/** Told how far an upload got; called often, so it must be cheap. */
@FunctionalInterface
public interface UploadProgress {
  UploadProgress NONE = (name, done, total) -> {};

  /** {@code done} of {@code total} bytes of {@code name} are on the host. */
  void update(String name, long done, long total);

  /** A line worth showing to the person publishing (a retry, a skipped check). */
  default void note(String message) {}
}
