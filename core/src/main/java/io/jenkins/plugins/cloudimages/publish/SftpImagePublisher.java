package io.jenkins.plugins.cloudimages.publish;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.SftpProgressMonitor;
import com.jcraft.jsch.SftpStatVFS;
import io.jenkins.plugins.cloudimages.publish.PublishException.Reason;
import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Publishes over SFTP (JSch) with many write requests in flight. Each file is written under a
 * hidden temporary name in the destination folder, its size (and on request the host's own SHA-256)
 * checked, then hard-linked to its final name, which fails when the name exists, so a published
 * name is never overwritten nor ever shows a partial file. Then, under a folder lock, {@code
 * sha256sum.txt} is rewritten atomically (temporary file + posix-rename) and the alias symlink
 * moved. A dropped connection is re-established; the upload resumes from the size the temporary
 * file reached, and a resumed file is only accepted when the host's digest of the whole file
 * matches, otherwise it is uploaded again from the start.
 */
public final class SftpImagePublisher implements ImagePublisher {
  public static final String CHECKSUM_FILE = "sha256sum.txt";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long WARM_UP_MIN_BYTES = 64L << 20;
  private static volatile boolean warmedUp;

  private final SshTarget target;
  private final PublishSettings settings;
  private final SftpConnection connection;
  private String folder;

  public SftpImagePublisher(SshTarget target, PublishSettings settings) {
    this.target = target;
    this.settings = settings;
    this.connection = new SftpConnection(target, settings.requestsInFlight());
  }

  @Override
  public PublishedFile publish(Path file, UploadProgress progress)
      throws PublishException, SshException, IOException {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IOException(file + " is not a readable file");
    }
    String alias = settings.alias() ? aliasOf(name) : null;
    long size = Files.size(file);
    String token = HexFormat.of().formatHex(bytes(6));
    Names names = new Names(name, token);
    Attempts attempts = new Attempts(connection, settings.reconnects(), progress, () -> folder);
    boolean published = false;
    try {
      warmUp(size);
      attempts.run("opening " + settings.destination(), sftp -> prepare(sftp, name, size));
      Uploaded uploaded =
          attempts.run("uploading " + name, sftp -> upload(sftp, file, names, size, progress));
      String movedAlias =
          attempts.run(
              "publishing " + name, sftp -> finish(sftp, names, uploaded, alias, progress));
      published = true;
      return new PublishedFile(
          name,
          folder + "/" + name,
          size,
          uploaded.sha256(),
          uploaded.remoteDigestVerified(),
          movedAlias,
          attempts.reconnects());
    } finally {
      if (!published) {
        removeLeftovers(names, progress);
      }
    }
  }

  /** Only the first large file of a JVM is worth it. */
  private static void warmUp(long size) {
    if (size >= WARM_UP_MIN_BYTES && !warmedUp) {
      warmedUp = true;
      CryptoWarmUp.start(SftpConnection.PREFERRED_CIPHER, PipelinedSftpWriter.OPENSSH_WRITE_LENGTH);
    }
  }

  private static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String aliasOf(String name) {
    return ImageNames.aliasOf(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--alias needs versioned image names like"
                        + " CentOS-9-x86_64-GenericCloud-251125_01.qcow2, not "
                        + name));
  }

  /** The hidden names one publish uses next to the final one; the token keeps publishers apart. */
  private record Names(String name, String token) {
    String temp() {
      return "." + name + "." + token + ".part";
    }

    String checksumTemp() {
      return "." + CHECKSUM_FILE + "." + token + ".tmp";
    }

    String aliasTemp(String alias) {
      return "." + alias + "." + token + ".link";
    }
  }

  private record Uploaded(String sha256, long size, boolean remoteDigestVerified) {}

  // --- preparing the folder

  private Void prepare(ChannelSftp sftp, String name, long size)
      throws SftpException, PublishException {
    if (folder == null) {
      makeFolders(sftp, settings.destination());
      sftp.cd(settings.destination());
      folder = sftp.pwd();
    }
    if (attributes(sftp, name).isPresent()) {
      throw nameExists(name);
    }
    long free = freeBytes(sftp);
    if (free < size) {
      throw new PublishException(
          Reason.NO_SPACE,
          "not enough space for "
              + name
              + " in "
              + folder
              + " on "
              + target
              + ": "
              + free
              + " bytes free, "
              + size
              + " needed");
    }
    return null;
  }

  private PublishException nameExists(String name) {
    return new PublishException(
        Reason.NAME_EXISTS,
        name
            + " already exists in "
            + folder
            + " on "
            + target
            + "; a published image is never overwritten (give the new build a new name)");
  }

  private static void makeFolders(ChannelSftp sftp, String path) throws SftpException {
    StringBuilder prefix = new StringBuilder(path.startsWith("/") ? "/" : "");
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      prefix.append(part);
      String dir = prefix.toString();
      if (attributes(sftp, dir).isEmpty()) {
        try {
          sftp.mkdir(dir);
        } catch (SftpException e) {
          // Another publisher may have created it in the meantime.
          if (attributes(sftp, dir).filter(SftpATTRS::isDir).isEmpty()) {
            throw e;
          }
        }
      }
      prefix.append('/');
    }
  }

  /** Free bytes in the current folder, or Long.MAX_VALUE when the host cannot tell. */
  private static long freeBytes(ChannelSftp sftp) {
    if (!"2".equals(sftp.getExtension("statvfs@openssh.com"))) {
      return Long.MAX_VALUE;
    }
    try {
      SftpStatVFS vfs = sftp.statVFS(".");
      return vfs.getFragmentSize() * vfs.getFreeBlocks();
    } catch (SftpException e) {
      return Long.MAX_VALUE;
    }
  }

  // --- uploading

  private Uploaded upload(
      ChannelSftp sftp, Path file, Names names, long size, UploadProgress progress)
      throws SftpException, IOException, PublishException, SshException {
    long already = attributes(sftp, names.temp()).map(SftpATTRS::getSize).orElse(0L);
    if (already > size) {
      sftp.rm(names.temp());
      already = 0;
    }
    if (already > 0) {
      progress.note("resuming " + names.name() + " at byte " + already + " of " + size);
    }
    Uploaded uploaded = transfer(sftp, file, names, size, already, progress);
    if (already == 0 || uploaded.remoteDigestVerified()) {
      return uploaded;
    }
    progress.note(
        "the resumed upload of "
            + names.name()
            + " cannot be verified on the host (no sha256sum there); uploading it again from the"
            + " start");
    sftp.rm(names.temp());
    return transfer(sftp, file, names, size, 0, progress);
  }

  private Uploaded transfer(
      ChannelSftp sftp, Path file, Names names, long size, long offset, UploadProgress progress)
      throws SftpException, IOException, PublishException, SshException {
    String sha256;
    try (DigestingFileStream in = new DigestingFileStream(file)) {
      try {
        Monitor monitor = new Monitor(names.name(), offset, size, progress);
        Optional<PipelinedSftpWriter> pipelined = connection.pipelinedWriter();
        if (pipelined.isPresent()) {
          try (PipelinedSftpWriter writer = pipelined.get()) {
            if (in.skip(offset) != offset) {
              throw new IOException(file + " is shorter than its upload on " + target);
            }
            monitor.init(0, file.toString(), names.temp(), size);
            writer.upload(in, folder + "/" + names.temp(), offset, monitor::count);
          }
        } else {
          sftp.put(
              in, names.temp(), monitor, offset > 0 ? ChannelSftp.RESUME : ChannelSftp.OVERWRITE);
        }
      } catch (SftpException e) {
        if (e.getCause() instanceof DigestingFileStream.LocalReadException local) {
          throw new IOException("reading " + file + " failed: " + local.getMessage(), local);
        }
        if (Attempts.isConnectionLoss(e, connection)) {
          throw e;
        }
        throw diagnoseWriteFailure(names, size, e);
      }
      if (in.position() != size || Files.size(file) != size) {
        throw new PublishException(
            Reason.LOCAL_FILE_CHANGED, file + " changed size while it was being published");
      }
      sha256 = in.sha256Hex();
    }
    long remoteSize = sftp.stat(names.temp()).getSize();
    if (remoteSize != size) {
      sftp.rm(names.temp());
      throw new PublishException(
          Reason.SIZE_MISMATCH,
          names.name() + " has " + remoteSize + " bytes on " + target + " instead of " + size);
    }
    boolean verified = false;
    if (settings.verifyRemoteDigest() || offset > 0) {
      Optional<String> theirs = connection.remoteSha256(folder + "/" + names.temp());
      if (theirs.isPresent() && !theirs.get().equals(sha256)) {
        sftp.rm(names.temp());
        if (offset > 0) {
          progress.note("the resumed " + names.name() + " does not match; uploading it again");
          return transfer(sftp, file, names, size, 0, progress);
        }
        throw new PublishException(
            Reason.DIGEST_MISMATCH,
            names.name()
                + " arrived on "
                + target
                + " with SHA-256 "
                + theirs.get()
                + " instead of "
                + sha256);
      }
      verified = theirs.isPresent();
      if (!verified && offset == 0) {
        progress.note("the host cannot run sha256sum; the remote digest was not checked");
      }
    }
    return new Uploaded(sha256, size, verified);
  }

  /** The channel may hold unread answers after a failed write: look again on a fresh one. */
  private PublishException diagnoseWriteFailure(Names names, long size, SftpException e)
      throws SshException, SftpException {
    connection.drop();
    ChannelSftp fresh = connection.sftp();
    fresh.cd(folder);
    long written = attributes(fresh, names.temp()).map(SftpATTRS::getSize).orElse(0L);
    long free = freeBytes(fresh);
    if (free < size - written) {
      return new PublishException(
          Reason.NO_SPACE,
          "no space left in "
              + folder
              + " on "
              + target
              + " while writing "
              + names.name()
              + " ("
              + written
              + " of "
              + size
              + " bytes written, "
              + free
              + " bytes free)",
          e);
    }
    return new PublishException(
        Reason.REMOTE_ERROR,
        "writing " + names.name() + " to " + folder + " on " + target + " failed: " + describe(e),
        e);
  }

  // --- making it visible

  private String finish(
      ChannelSftp sftp, Names names, Uploaded uploaded, String alias, UploadProgress progress)
      throws SftpException, PublishException, IOException {
    FolderLock lock = new FolderLock(names.token(), settings.lockTimeout());
    lock.acquire(sftp);
    try {
      link(sftp, names, uploaded);
      updateChecksums(sftp, names, uploaded.sha256());
      return alias == null ? null : moveAlias(sftp, names, alias, progress);
    } finally {
      if (!connection.isBroken()) {
        lock.release(sftp);
      }
    }
  }

  /** Gives the temporary file its final name, never replacing an existing file of that name. */
  private void link(ChannelSftp sftp, Names names, Uploaded uploaded)
      throws SftpException, PublishException {
    Optional<SftpATTRS> temp = attributes(sftp, names.temp());
    Optional<SftpATTRS> existing = attributes(sftp, names.name());
    if (existing.isPresent()) {
      // After a reconnect: the link may have been made just before the connection dropped.
      boolean linkedByUs =
          temp.isEmpty()
              ? existing.get().getSize() == uploaded.size()
              : sameFile(temp.get(), existing.get());
      if (!linkedByUs) {
        throw nameExists(names.name());
      }
    } else if ("1".equals(sftp.getExtension("hardlink@openssh.com"))) {
      try {
        // Absolute: the host resolves a relative link source against the login folder.
        sftp.hardlink(folder + "/" + names.temp(), folder + "/" + names.name());
      } catch (SftpException e) {
        if (attributes(sftp, names.name()).isPresent()) {
          throw nameExists(names.name());
        }
        throw e;
      }
    } else {
      // No link(2) on this host: the name was free under the folder lock, which every cloudimg
      // publisher takes, so only a writer outside cloudimg could race this rename.
      sftp.rename(names.temp(), names.name());
    }
    if (attributes(sftp, names.temp()).isPresent()) {
      sftp.rm(names.temp());
    }
  }

  private static boolean sameFile(SftpATTRS a, SftpATTRS b) {
    return a.getSize() == b.getSize()
        && a.getMTime() == b.getMTime()
        && a.getPermissions() == b.getPermissions();
  }

  private void updateChecksums(ChannelSftp sftp, Names names, String sha256)
      throws SftpException, IOException {
    ChecksumFile sums = ChecksumFile.parse(read(sftp, CHECKSUM_FILE).orElse(""));
    if (sums.digestOf(names.name()).equals(Optional.of(sha256))) {
      return;
    }
    byte[] text = sums.with(names.name(), sha256).text().getBytes(StandardCharsets.UTF_8);
    sftp.put(new ByteArrayInputStream(text), names.checksumTemp());
    replace(sftp, names.checksumTemp(), CHECKSUM_FILE);
  }

  /**
   * Points the alias at the new image with a relative symlink, unless it already points at a newer
   * one. A symlink rather than a copy: moving it is one atomic rename, it costs no second copy of a
   * multi-GiB image and can never disagree with the file it names, and the web server and mirrors
   * (rsync -l) follow it. Returns the alias when it moved, null when it stayed.
   */
  private String moveAlias(ChannelSftp sftp, Names names, String alias, UploadProgress progress)
      throws SftpException {
    Optional<String> current = symlinkTarget(sftp, alias);
    String newVersion = ImageNames.versionOf(names.name()).orElse("");
    if (current.isPresent()) {
      String currentName = current.get().substring(current.get().lastIndexOf('/') + 1);
      String currentVersion = ImageNames.versionOf(currentName).orElse("");
      if (currentVersion.compareTo(newVersion) > 0) {
        progress.note(alias + " stays on the newer " + currentName);
        return null;
      }
    }
    String temp = names.aliasTemp(alias);
    if (attributes(sftp, temp).isPresent()) {
      sftp.rm(temp);
    }
    sftp.symlink(names.name(), temp);
    replace(sftp, temp, alias);
    return alias;
  }

  private static Optional<String> symlinkTarget(ChannelSftp sftp, String path)
      throws SftpException {
    Optional<SftpATTRS> attrs = attributes(sftp, path);
    if (attrs.isEmpty() || !attrs.get().isLink()) {
      return Optional.empty();
    }
    return Optional.of(sftp.readlink(path));
  }

  /** Renames over {@code target} atomically where the host has posix-rename (OpenSSH has). */
  private static void replace(ChannelSftp sftp, String source, String target) throws SftpException {
    if (!"1".equals(sftp.getExtension("posix-rename@openssh.com"))
        && attributes(sftp, target).isPresent()) {
      // Plain SFTP v3 rename refuses an existing target: the only way left is remove + rename.
      sftp.rm(target);
    }
    sftp.rename(source, target);
  }

  // --- helpers

  private static Optional<SftpATTRS> attributes(ChannelSftp sftp, String path)
      throws SftpException {
    try {
      return Optional.of(sftp.lstat(path));
    } catch (SftpException e) {
      if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Optional<String> read(ChannelSftp sftp, String path)
      throws SftpException, IOException {
    if (attributes(sftp, path).isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = sftp.get(path)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Best effort: a failed publish leaves none of its hidden files behind. */
  private void removeLeftovers(Names names, UploadProgress progress) {
    if (folder == null) {
      return;
    }
    try {
      ChannelSftp sftp = connection.sftp();
      sftp.cd(folder);
      for (String leftover : new String[] {names.temp(), names.checksumTemp()}) {
        if (attributes(sftp, leftover).isPresent()) {
          sftp.rm(leftover);
        }
      }
      new FolderLock(names.token(), settings.lockTimeout()).release(sftp);
    } catch (SshException | SftpException | RuntimeException e) {
      progress.note(
          "could not remove "
              + folder
              + "/"
              + names.temp()
              + " after the failure: "
              + e.getMessage());
    }
  }

  static String describe(SftpException e) {
    String message = e.getMessage();
    return switch (e.id) {
      case ChannelSftp.SSH_FX_PERMISSION_DENIED -> "permission denied";
      case ChannelSftp.SSH_FX_NO_SUCH_FILE -> "no such file or folder";
      default -> message == null || message.isBlank() ? "SFTP status " + e.id : message;
    };
  }

  @Override
  public void close() {
    connection.close();
  }

  /** Counts bytes as JSch acknowledges sending them. */
  private static final class Monitor implements SftpProgressMonitor {
    private final String name;
    private final long total;
    private final UploadProgress progress;
    private long done;

    Monitor(String name, long offset, long total, UploadProgress progress) {
      this.name = name;
      this.done = offset;
      this.total = total;
      this.progress = progress;
    }

    @Override
    public void init(int op, String src, String dest, long max) {
      progress.update(name, done, total);
    }

    @Override
    public boolean count(long count) {
      done += count;
      progress.update(name, done, total);
      return true;
    }

    @Override
    public void end() {}
  }

  /** Runs a step, re-establishing the connection when it dropped, a bounded number of times. */
  static final class Attempts {
    interface Step<T> {
      T run(ChannelSftp sftp) throws SftpException, IOException, PublishException, SshException;
    }

    private final SftpConnection connection;
    private final int allowed;
    private final UploadProgress progress;
    private int reconnects;

    /** The folder every step works in, once known; a new session starts in the login folder. */
    private final Supplier<String> folder;

    Attempts(
        SftpConnection connection, int allowed, UploadProgress progress, Supplier<String> folder) {
      this.connection = connection;
      this.folder = folder;
      this.allowed = allowed;
      this.progress = progress;
    }

    int reconnects() {
      return reconnects;
    }

    <T> T run(String what, Step<T> step) throws PublishException, SshException, IOException {
      while (true) {
        boolean hadConnection = connection.connects() > 0;
        Exception failure;
        try {
          ChannelSftp sftp = connection.sftp();
          if (folder.get() != null && !folder.get().equals(sftp.pwd())) {
            sftp.cd(folder.get());
          }
          return step.run(sftp);
        } catch (SshException e) {
          if (!hadConnection) {
            throw e;
          }
          failure = e;
        } catch (SftpException | IOException e) {
          if (!isConnectionLoss(e, connection)) {
            if (e instanceof SftpException sftp) {
              connection.drop();
              throw new PublishException(
                  Reason.REMOTE_ERROR,
                  what + " on " + connection + " failed: " + describe(sftp),
                  e);
            }
            throw (IOException) e;
          }
          failure = e;
        }
        connection.drop();
        if (reconnects >= allowed) {
          throw new PublishException(
              Reason.CONNECTION_LOST,
              "the connection to "
                  + connection
                  + " dropped while "
                  + what
                  + " and could not be resumed after "
                  + reconnects
                  + " reconnects: "
                  + failure.getMessage(),
              failure);
        }
        reconnects++;
        progress.note(
            "connection to "
                + connection
                + " lost while "
                + what
                + "; reconnecting ("
                + reconnects
                + " of "
                + allowed
                + ")");
        pause(reconnects);
      }
    }

    static boolean isConnectionLoss(Exception e, SftpConnection connection) {
      if (connection.isBroken()) {
        return true;
      }
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof DigestingFileStream.LocalReadException) {
          return false;
        }
        if (t != e && (t instanceof IOException || t instanceof JSchException)) {
          return true;
        }
      }
      return e instanceof IOException && !(e instanceof DigestingFileStream.LocalReadException);
    }

    private static void pause(int attempt) {
      try {
        Thread.sleep(Math.min(8_000L, 500L << (attempt - 1)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reconnecting", e);
      }
    }
  }
}
