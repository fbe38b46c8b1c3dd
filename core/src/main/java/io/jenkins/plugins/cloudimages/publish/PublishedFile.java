package io.jenkins.plugins.cloudimages.publish;

/**
 * One file as it landed on the image host.
 *
 * @param name the file name in the destination folder
 * @param remotePath absolute path on the host
 * @param size bytes
 * @param sha256 hex digest of the content, computed while uploading
 * @param remoteDigestVerified whether the host's own sha256sum agreed
 * @param alias the unversioned alias now pointing at this file, or null
 * @param reconnects how many times the connection was re-established during the publish
 */
public record PublishedFile(
    String name,
    String remotePath,
    long size,
    String sha256,
    boolean remoteDigestVerified,
    String alias,
    int reconnects) {}
