package io.jenkins.plugins.cloudimages.deploy.ec2;

import io.jenkins.plugins.cloudimages.deploy.CloudException;

/**
 * An EC2 or S3 error answer with its code. The {@code *.NotFound} codes (an instance, image or
 * snapshot that is already gone) count as HTTP 404, so that a delete of one counts as done.
 */
final class Ec2Exception extends CloudException {
  private static final long serialVersionUID = 1L;
  private final String code;

  Ec2Exception(String message, int status, String code) {
    super(message, code != null && code.endsWith(".NotFound") ? 404 : status, null);
    this.code = code;
  }

  String code() {
    return code;
  }
}
