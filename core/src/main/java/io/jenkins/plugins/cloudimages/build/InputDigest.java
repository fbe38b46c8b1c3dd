package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The digest that identifies a build's inputs: the flattened kickstart (the file and its includes
 * in reading order), the metadata, every repository's metadata revision, the backend and the disk
 * layout. Two builds with the same digest make the same image, so the second reuses the first.
 */
record InputDigest(String value, String kickstartSha256, String metadataSha256) {

  static InputDigest of(
      Kickstart kickstart,
      Optional<Path> metadata,
      List<RepositoryRevision> revisions,
      String backend,
      DiskLayout layout)
      throws IOException {
    byte[] flattened = flattened(kickstart);
    String kickstartSha = Digests.sha256(flattened);
    String metadataSha = metadata.isPresent() ? Digests.sha256(metadata.get()) : "";
    MessageDigest sha = Digests.newSha256();
    update(sha, "kickstart " + kickstartSha);
    update(sha, "metadata " + metadataSha);
    for (RepositoryRevision r : revisions) {
      update(sha, "repository " + r.baseUrl() + " " + r.revision() + " " + r.repomdSha256());
    }
    update(sha, "backend " + backend);
    update(sha, "layout " + layout);
    return new InputDigest(HexFormat.of().formatHex(sha.digest()), kickstartSha, metadataSha);
  }

  /** The kickstart and its includes, concatenated in reading order. */
  static byte[] flattened(Kickstart kickstart) throws IOException {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    all.write(Files.readAllBytes(kickstart.file()));
    for (Path include : kickstart.includes()) {
      all.write(Files.readAllBytes(include));
    }
    return all.toByteArray();
  }

  private static void update(MessageDigest sha, String line) {
    sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
