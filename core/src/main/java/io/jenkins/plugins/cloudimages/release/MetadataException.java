package io.jenkins.plugins.cloudimages.release;

/** An image's metadata file cannot be read or changed as asked; the message says why. */
public class MetadataException extends Exception {
  public MetadataException(String message) {
    super(message);
  }
}
