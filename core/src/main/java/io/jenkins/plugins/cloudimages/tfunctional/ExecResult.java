package io.jenkins.plugins.cloudimages.tfunctional;

/**
 * How a remote command ended.
 *
 * @param exitStatus its exit status, or -1 when it timed out or was ended by a signal
 * @param timedOut whether the caller stopped waiting for it
 */
public record ExecResult(int exitStatus, boolean timedOut) {

  public static ExecResult exited(int status) {
    return new ExecResult(status, false);
  }

  public static ExecResult timeout() {
    return new ExecResult(-1, true);
  }

  public boolean succeeded() {
    return exitStatus == 0 && !timedOut;
  }
}
