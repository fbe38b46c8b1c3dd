package io.jenkins.plugins.cloudimages.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The few metadata fields a build reads (CentOS SIG layout: {@code extra.disk_size} in GiB). */
final class MetadataFields {
  private MetadataFields() {}

  static Optional<Long> diskSizeMiB(Optional<Path> metadata) throws BuildException {
    if (metadata.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode size =
          new ObjectMapper().readTree(metadata.get().toFile()).path("extra").path("disk_size");
      String text = size.asText("");
      return text.matches("\\d+") ? Optional.of(Long.parseLong(text) * 1024) : Optional.empty();
    } catch (IOException e) {
      throw new BuildException(metadata.get() + ": cannot read the metadata: " + e.getMessage(), e);
    }
  }
}
