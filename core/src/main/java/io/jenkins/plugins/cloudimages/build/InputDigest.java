package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartFlattener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The digest that identifies a build's inputs: the flattened kickstart (every include inlined), the
 * metadata, every repository's metadata revision, the backend and the disk layout. Two builds with
 * the same digest make the same image, so the second reuses the first.
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

  /** The kickstart with every include inlined (KickstartFlattener). */
  static byte[] flattened(Kickstart kickstart) throws IOException {
    return new KickstartFlattener(null).flatten(kickstart.file()).getBytes(StandardCharsets.UTF_8);
  }

  private static void update(MessageDigest sha, String line) {
    sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
