package io.jenkins.plugins.cloudimages.support;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of work on a daemon thread of its own, whose result (or the exception it threw, as it
 * was thrown) is taken with {@link #join()}. A thread each, not the common pool: on two cores the
 * common pool has a single worker, which would run hashes meant to overlap one after another.
 *
 * @param <T> the result
 * @param <E> the checked exception the work may throw
 */
public final class BackgroundTask<T, E extends Exception> {

  /** The work: a callable with a precise exception type. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T call() throws E;
  }

  private final FutureTask<T> task;

  private BackgroundTask(FutureTask<T> task) {
    this.task = task;
  }

  public static <T, E extends Exception> BackgroundTask<T, E> start(String name, Work<T, E> work) {
    FutureTask<T> task = new FutureTask<>(work::call);
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return new BackgroundTask<>(task);
  }

  /** A task already done, for callers that mix precomputed and background results. */
  public static <T, E extends Exception> BackgroundTask<T, E> done(T value) {
    FutureTask<T> task = new FutureTask<>(() -> value);
    task.run();
    return new BackgroundTask<>(task);
  }

  /**
   * Waits for the result. The work's own exception is rethrown as it is; an interrupt cancels the
   * work and ends in a {@link CancellationException}, with the interrupt flag kept.
   */
  @SuppressWarnings("unchecked") // Work<T, E> throws only E among checked exceptions
  public T join() throws E {
    try {
      return task.get();
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a background task");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw (E) cause;
    }
  }

  /** Cancels the work, interrupting its thread, when it no longer matters. */
  public void cancel() {
    task.cancel(true);
  }
}
