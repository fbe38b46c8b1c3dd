package io.jenkins.plugins.cloudimages.publish;

import io.jenkins.plugins.cloudimages.ssh.SshException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Puts image files on the image host where people and clouds download them. A published name is
 * never overwritten and never shows a partial file.
 */
public interface ImagePublisher extends AutoCloseable {

  /**
   * Publishes one file into the destination folder with its entry in the folder's {@code
   * sha256sum.txt}.
   *
   * @throws PublishException when the host refused the file (name taken, disk full, digest wrong)
   * @throws SshException when the host cannot be reached or verified
   * @throws IOException when the local file cannot be read
   */
  PublishedFile publish(Path file, UploadProgress progress)
      throws PublishException, SshException, IOException;

  @Override
  void close();
}
