package io.jenkins.plugins.cloudimages.publish;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Mutual exclusion between publishers updating the same folder's {@code sha256sum.txt} and alias: a
 * lock directory (mkdir is atomic and fails when it exists) holding a file named after its owner,
 * so that an owner who lost its connection recognises its own lock after reconnecting.
 */
final class FolderLock {
  static final String NAME = ".sha256sum.txt.lock";

  private final String owner;
  private final Duration timeout;

  FolderLock(String owner, Duration timeout) {
    this.owner = owner;
    this.timeout = timeout;
  }

  /** Takes the lock in the current remote directory, waiting for another holder to let go. */
  void acquire(ChannelSftp sftp) throws SftpException, PublishException {
    Instant giveUp = Instant.now().plus(timeout);
    long pause = 20;
    int unexplainedFailures = 0;
    while (true) {
      try {
        sftp.mkdir(NAME);
        sftp.put(new ByteArrayInputStream(new byte[0]), NAME + "/" + owner);
        return;
      } catch (SftpException taken) {
        if (heldByMe(sftp)) {
          return;
        }
        // Released between our mkdir and our look: try again; a mkdir failing with no lock in
        // the way several times running is a real error (e.g. permission denied).
        if (!exists(sftp) && ++unexplainedFailures >= 5) {
          throw taken;
        }
      }
      if (Instant.now().isAfter(giveUp)) {
        throw new PublishException(
            PublishException.Reason.LOCKED,
            "another publisher has held "
                + NAME
                + " in "
                + pwd(sftp)
                + " for more than "
                + timeout.toSeconds()
                + " s; if none is running, remove that directory");
      }
      sleep(pause);
      pause = Math.min(500, pause * 2);
    }
  }

  void release(ChannelSftp sftp) throws SftpException {
    if (!heldByMe(sftp)) {
      return;
    }
    sftp.rm(NAME + "/" + owner);
    sftp.rmdir(NAME);
  }

  private boolean heldByMe(ChannelSftp sftp) {
    try {
      sftp.lstat(NAME + "/" + owner);
      return true;
    } catch (SftpException e) {
      return false;
    }
  }

  private static boolean exists(ChannelSftp sftp) {
    try {
      sftp.lstat(NAME);
      return true;
    } catch (SftpException e) {
      return false;
    }
  }

  private static String pwd(ChannelSftp sftp) {
    try {
      return sftp.pwd();
    } catch (SftpException e) {
      return "the destination folder";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + NAME, e);
    }
  }
}
