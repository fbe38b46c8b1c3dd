package io.jenkins.plugins.cloudimages.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps any driver and injects one kind of fault at one point: a call that fails before doing
 * anything, one that does its work and then loses the reply, one that hangs past its deadline (and
 * ignores interrupts) before completing, a slow one, an interrupt of the deploying thread, and —
 * for a child JVM — an orderly exit or a hard kill in the middle of the call.
 */
public final class FaultInjectingDriver implements CloudDriver, ExecReachable {

  /** Where the fault strikes. */
  public enum Point {
    UPLOAD,
    BOOT,
    ADDRESS,
    REACHABLE,
    HEARTBEAT,
    DELETE,
    LIST
  }

  /** What happens there. */
  public enum Mode {
    FAIL_BEFORE,
    FAIL_AFTER,
    TIMEOUT,
    SLOW,
    NOT_FOUND,
    INTERRUPT,
    EXIT,
    HALT
  }

  private final CloudDriver real;
  private final Point point;
  private final Mode mode;
  private final AtomicInteger remaining;
  private final Thread victim;

  /**
   * @param times how many calls at {@code point} are hit (deletes that fail twice, then work)
   * @param victim the deploying thread, for {@link Mode#INTERRUPT}
   */
  public FaultInjectingDriver(CloudDriver real, Point point, Mode mode, int times, Thread victim) {
    this.real = real;
    this.point = point;
    this.mode = mode;
    this.remaining = new AtomicInteger(times);
    this.victim = victim;
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws CloudException;
  }

  private <T> T at(Point here, Deadline deadline, Call<T> call) throws CloudException {
    if (here != point || remaining.getAndDecrement() <= 0) {
      return call.run();
    }
    switch (mode) {
      case FAIL_BEFORE:
        throw new CloudException("injected failure before " + here, 500, null);
      case FAIL_AFTER:
        call.run();
        throw new CloudException("injected lost reply after " + here, 502, null);
      case TIMEOUT:
        sleepIgnoringInterrupts(
            deadline == null ? Duration.ofMillis(500) : deadline.remaining().plusMillis(400));
        return call.run();
      case SLOW:
        sleepIgnoringInterrupts(
            deadline == null ? Duration.ofMillis(100) : deadline.remaining().dividedBy(2));
        return call.run();
      case NOT_FOUND:
        call.run();
        throw new CloudException("injected 404 after " + here, 404, null);
      case INTERRUPT:
        victim.interrupt();
        return call.run();
      case EXIT:
        call.run();
        System.exit(3);
        throw new IllegalStateException("unreachable");
      case HALT:
        call.run();
        Runtime.getRuntime().halt(9);
        throw new IllegalStateException("unreachable");
      default:
        throw new IllegalStateException(mode.name());
    }
  }

  private static void sleepIgnoringInterrupts(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    boolean interrupted = false;
    while (System.nanoTime() < end) {
      try {
        Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String type() {
    return real.type();
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    return at(Point.UPLOAD, deadline, () -> real.uploadImage(image, build, deadline));
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    return at(Point.BOOT, deadline, () -> real.boot(image, spec, deadline));
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    return at(Point.ADDRESS, deadline, () -> real.awaitAddress(instance, deadline));
  }

  @Override
  public String consoleOutput(CloudResource instance) throws CloudException {
    return real.consoleOutput(instance);
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    at(
        Point.DELETE,
        deadline,
        () -> {
          real.delete(resource, deadline);
          return null;
        });
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    at(
        Point.HEARTBEAT,
        null,
        () -> {
          real.heartbeat(resource, now);
          return null;
        });
  }

  @Override
  public List<CloudResource> listOwned() throws CloudException {
    return at(Point.LIST, null, real::listOwned);
  }

  @Override
  public RemoteShell shell(CloudResource instance) {
    RemoteShell shell = ((ExecReachable) real).shell(instance);
    return new RemoteShell() {
      @Override
      public Result run(String command, Duration timeout, java.util.function.Consumer<String> out)
          throws java.io.IOException, InterruptedException {
        try {
          return at(
              Point.REACHABLE,
              null,
              () -> {
                try {
                  return shell.run(command, timeout, out);
                } catch (java.io.IOException | InterruptedException e) {
                  throw new CloudException(e.getMessage(), 0, e);
                }
              });
        } catch (CloudException e) {
          throw new java.io.IOException(e.getMessage(), e);
        }
      }

      @Override
      public void upload(java.io.InputStream content, String remotePath)
          throws java.io.IOException, InterruptedException {
        shell.upload(content, remotePath);
      }

      @Override
      public String describe() {
        return shell.describe();
      }

      @Override
      public void close() {
        shell.close();
      }
    };
  }
}
