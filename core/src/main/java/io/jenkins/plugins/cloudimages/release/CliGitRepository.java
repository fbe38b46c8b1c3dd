package io.jenkins.plugins.cloudimages.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link GitRepository} on the git command line. Works on a local repository (bare or not) whose
 * remote {@code origin} is the shared repository; {@link #cloneOf} makes such a clone. Commits are
 * built with plumbing (a private index, hash-object, commit-tree), so no work tree is touched.
 */
public final class CliGitRepository implements GitRepository, AutoCloseable {
  static final String REMOTE = "origin";
  private static final String ZERO_COMMIT = "0000000000000000000000000000000000000000";
  private static final List<String> RACE_REASONS =
      List.of(
          "fetch first",
          "non-fast-forward",
          "stale info",
          "failed to update ref",
          "cannot lock ref",
          "incorrect old value",
          "failed to lock");

  private final Path gitDir;
  private final GitCommandLine git;
  private final Path secretsDir;
  private final boolean remoteIsCheckedOut;
  private final Map<String, Optional<String>> configCache = new HashMap<>();

  private CliGitRepository(
      Path gitDir, GitCommandLine git, Path secretsDir, boolean remoteIsCheckedOut) {
    this.gitDir = gitDir;
    this.git = git;
    this.secretsDir = secretsDir;
    this.remoteIsCheckedOut = remoteIsCheckedOut;
  }

  /** Opens an existing local repository (its remote, if any, is {@code origin}). */
  public static CliGitRepository open(Path repository, GitCredentials credentials)
      throws GitException {
    if (!Files.isDirectory(repository)) {
      throw new GitException("no such repository directory: " + repository);
    }
    CliGitRepository repo = create(repository, credentials, false);
    GitCommandLine.Result bare = repo.git.run(List.of("rev-parse", "--git-dir"));
    if (!bare.succeeded()) {
      repo.close();
      throw new GitException(repository + " is not a git repository");
    }
    return repo;
  }

  /**
   * Makes an empty bare repository in {@code directory} whose {@code origin} is {@code remote} (a
   * URL or a local path); nothing is fetched until asked.
   */
  public static CliGitRepository cloneOf(String remote, Path directory, GitCredentials credentials)
      throws GitException {
    return cloneOf(remote, directory, credentials, false);
  }

  /**
   * As {@link #cloneOf(String, Path, GitCredentials)}, with a work tree when {@code workTree}, for
   * {@link #checkout}.
   */
  public static CliGitRepository cloneOf(
      String remote, Path directory, GitCredentials credentials, boolean workTree)
      throws GitException {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new GitException("cannot create " + directory + ": " + e.getMessage());
    }
    boolean checkedOut = isNonBareLocalRepository(remote);
    CliGitRepository repo = create(directory, credentials, checkedOut);
    repo.git.check(workTree ? List.of("init", "--quiet") : List.of("init", "--quiet", "--bare"));
    repo.git.check(List.of("remote", "add", REMOTE, remote));
    return repo;
  }

  private static CliGitRepository create(
      Path directory, GitCredentials credentials, boolean remoteIsCheckedOut) throws GitException {
    Map<String, String> env = new HashMap<>();
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("LC_ALL", "C");
    env.put("GIT_SSH_COMMAND", sshCommand(credentials));
    Path secrets = null;
    if (credentials instanceof GitCredentials.UsernamePassword userPass) {
      secrets = writeAskPass();
      env.put("GIT_ASKPASS", secrets.resolve("askpass").toString());
      env.put("CLOUDIMG_GIT_USERNAME", userPass.username());
      env.put("CLOUDIMG_GIT_PASSWORD", userPass.password());
    }
    GitCommandLine git = new GitCommandLine(directory, env, List.of(), Duration.ofMinutes(10));
    return new CliGitRepository(directory, git, secrets, remoteIsCheckedOut);
  }

  /**
   * OpenSSH in batch mode with strict host key checking; with a key, only that key and the pinned
   * known_hosts file.
   */
  static String sshCommand(GitCredentials credentials) {
    StringBuilder command = new StringBuilder("ssh -o BatchMode=yes -o StrictHostKeyChecking=yes");
    if (credentials instanceof GitCredentials.SshKey key) {
      command
          .append(" -i ")
          .append(shellQuote(key.privateKey().toAbsolutePath().toString()))
          .append(" -o IdentitiesOnly=yes -o UserKnownHostsFile=")
          .append(shellQuote(key.knownHosts().toAbsolutePath().toString()));
    }
    return command.toString();
  }

  /** A GIT_ASKPASS helper that answers from environment variables, so no secret is in argv. */
  private static Path writeAskPass() throws GitException {
    try {
      Path dir =
          Files.createTempDirectory(
              "cloudimg-git-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path script = dir.resolve("askpass");
      Files.writeString(
          script,
          "#!/bin/sh\n"
              + "case \"$1\" in\n"
              + "  [Uu]sername*) printf '%s\\n' \"$CLOUDIMG_GIT_USERNAME\" ;;\n"
              + "  *) printf '%s\\n' \"$CLOUDIMG_GIT_PASSWORD\" ;;\n"
              + "esac\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
      return dir;
    } catch (IOException e) {
      throw new GitException("cannot write the git credential helper: " + e.getMessage());
    }
  }

  private static String shellQuote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static boolean isNonBareLocalRepository(String remote) {
    Path path = Path.of(remote.startsWith("file://") ? remote.substring(7) : remote);
    boolean local = !remote.contains("://") || remote.startsWith("file://");
    return local && Files.isDirectory(path.resolve(".git"));
  }

  /** The local repository's directory. */
  public Path directory() {
    return gitDir;
  }

  // --- remote

  @Override
  public String fetch(String branch) throws GitException {
    GitCommandLine.Result result =
        git.run(
            List.of(
                "fetch",
                "--quiet",
                "--no-tags",
                REMOTE,
                "+refs/heads/" + branch + ":" + trackingRef(branch)));
    if (!result.succeeded()) {
      if (result.stderr().contains("couldn't find remote ref")) {
        throw new GitException("the remote repository has no branch '" + branch + "'");
      }
      throw new GitException(GitCommandLine.describe(result));
    }
    return git.check(List.of("rev-parse", "--verify", trackingRef(branch) + "^{commit}"))
        .firstLine();
  }

  /** The branch the remote's HEAD names (its default branch). */
  public String remoteDefaultBranch() throws GitException {
    String out = git.check(List.of("ls-remote", "--symref", REMOTE, "HEAD")).out();
    String headTarget =
        out.lines()
            .filter(line -> line.startsWith("ref: ") && line.contains("\t"))
            .map(line -> line.substring("ref: ".length(), line.indexOf('\t')))
            .findFirst()
            .orElse(null);
    List<String> heads =
        git.check(List.of("ls-remote", "--heads", REMOTE))
            .out()
            .lines()
            .map(line -> line.substring(line.indexOf('\t') + 1).replaceFirst("^refs/heads/", ""))
            .toList();
    return DefaultBranch.of(headTarget, heads);
  }

  /** The local ref where {@link #fetch} keeps {@code branch}. */
  public static String trackingRef(String branch) {
    return "refs/remotes/" + REMOTE + "/" + branch;
  }

  @Override
  public PushResult push(String commit, String branch) throws GitException {
    List<String> arguments = new ArrayList<>(List.of("push", "--porcelain"));
    if (remoteIsCheckedOut) {
      // A non-bare local repository takes a push to its checked-out branch only this way; its work
      // tree follows when clean, and the push is refused when it is not.
      arguments.add("--receive-pack=git -c receive.denyCurrentBranch=updateInstead receive-pack");
    }
    arguments.addAll(List.of(REMOTE, commit + ":refs/heads/" + branch));
    GitCommandLine.Result result = git.run(arguments);
    if (result.succeeded()) {
      return PushResult.PUSHED;
    }
    String report = result.out() + "\n" + result.stderr();
    String rejectedLine =
        report.lines().filter(line -> line.startsWith("!")).findFirst().orElse("");
    if (!rejectedLine.isEmpty()
        && RACE_REASONS.stream().anyMatch(rejectedLine.toLowerCase(Locale.ROOT)::contains)) {
      return PushResult.REJECTED;
    }
    throw new GitException(GitCommandLine.describe(result));
  }

  @Override
  public void pushTag(String tag) throws GitException {
    git.check(List.of("push", "--porcelain", REMOTE, "refs/tags/" + tag + ":refs/tags/" + tag));
  }

  @Override
  public Optional<String> remoteTag(String tag) throws GitException {
    String out = git.check(List.of("ls-remote", "--tags", REMOTE, "refs/tags/" + tag)).out();
    return out.lines().map(line -> line.split("\t")[0]).filter(s -> !s.isEmpty()).findFirst();
  }

  // --- read

  @Override
  public Optional<byte[]> readFile(String revision, String path) throws GitException {
    GitCommandLine.Result blob = git.run(List.of("cat-file", "blob", revision + ":" + path));
    if (blob.succeeded()) {
      return Optional.of(blob.stdout());
    }
    if (resolve(revision).isEmpty()) {
      throw new GitException(GitCommandLine.describe(blob));
    }
    return Optional.empty();
  }

  @Override
  public List<String> listFiles(String revision) throws GitException {
    String out = git.check(List.of("ls-tree", "-r", "-z", "--name-only", revision)).out();
    return Arrays.stream(out.split("\0")).filter(s -> !s.isEmpty()).toList();
  }

  @Override
  public List<Commit> commits(String from, String to) throws GitException {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "log",
                "--reverse",
                "--no-renames",
                "-z",
                "--format=%x1e%H%x1f%s",
                "--name-status",
                "--cc",
                to));
    if (from != null && !from.matches("0+")) {
      arguments.add("^" + from);
    } else {
      arguments.addAll(otherBranchTips(to));
    }
    arguments.add("--");
    return parseLog(git.check(arguments).out());
  }

  /** Tips of every other branch, excluded so that a new branch brings only its own commits. */
  private List<String> otherBranchTips(String to) throws GitException {
    String target = resolve(to).orElse(to);
    String out =
        git.check(List.of("for-each-ref", "--format=%(objectname)", "refs/heads/", "refs/remotes/"))
            .out();
    return out.lines()
        .filter(id -> !id.isEmpty() && !id.equals(target) && !id.equals(ZERO_COMMIT))
        .distinct()
        .map(id -> "^" + id)
        .toList();
  }

  static List<Commit> parseLog(String log) {
    List<Commit> commits = new ArrayList<>();
    for (String record : log.split("\u001e")) {
      if (record.isEmpty()) {
        continue;
      }
      int headerEnd = record.indexOf('\0');
      String header = headerEnd < 0 ? record : record.substring(0, headerEnd);
      int separator = header.indexOf('\u001f');
      String id = header.substring(0, separator);
      String subject = header.substring(separator + 1);
      List<FileChange> changes = new ArrayList<>();
      if (headerEnd >= 0) {
        String[] fields = record.substring(headerEnd + 1).split("\0");
        List<String> tokens =
            Arrays.stream(fields).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = 0; i + 1 < tokens.size(); i += 2) {
          changes.add(new FileChange(changeType(tokens.get(i)), tokens.get(i + 1)));
        }
      }
      commits.add(new Commit(id, subject, changes));
    }
    return commits;
  }

  private static ChangeType changeType(String status) {
    if (status.chars().allMatch(c -> c == 'D')) {
      return ChangeType.DELETED;
    }
    return status.chars().allMatch(c -> c == 'A') ? ChangeType.ADDED : ChangeType.MODIFIED;
  }

  @Override
  public Optional<String> resolve(String revision) throws GitException {
    GitCommandLine.Result result =
        git.run(List.of("rev-parse", "--verify", "--quiet", revision + "^{commit}"));
    return result.succeeded() ? Optional.of(result.firstLine()) : Optional.empty();
  }

  @Override
  public Optional<String> lastCommitTouching(String revision, String path) throws GitException {
    String out = git.check(List.of("log", "-1", "--format=%H", revision, "--", path)).firstLine();
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  @Override
  public Optional<String> commitWithSubject(String revision, String subject) throws GitException {
    String out =
        git.check(
                List.of(
                    "log", "--format=%H%x1f%s", "--fixed-strings", "--grep=" + subject, revision))
            .out();
    return out.lines()
        .map(line -> line.split("\u001f", 2))
        .filter(parts -> parts.length == 2 && parts[1].equals(subject))
        .map(parts -> parts[0])
        .findFirst();
  }

  @Override
  public Optional<GitIdentity> configuredIdentity() throws GitException {
    Optional<String> name = config("user.name");
    Optional<String> email = config("user.email");
    if (name.isEmpty() || email.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new GitIdentity(name.get(), email.get()));
  }

  /**
   * A git configuration value as this repository sees it (its own, global and system), read once:
   * the configuration does not change while a release runs.
   */
  public Optional<String> config(String key) throws GitException {
    Optional<String> known = configCache.get(key);
    if (known == null) {
      GitCommandLine.Result result = git.run(List.of("config", "--get", key));
      String value = result.firstLine();
      known = result.succeeded() && !value.isEmpty() ? Optional.of(value) : Optional.empty();
      configCache.put(key, known);
    }
    return known;
  }

  // --- write

  @Override
  public String commitFile(
      String parent, String path, byte[] content, String message, GitIdentity author)
      throws GitException {
    Path index;
    try {
      index = Files.createTempFile("cloudimg-index-", "");
      Files.delete(index);
    } catch (IOException e) {
      throw new GitException("cannot create a temporary index: " + e.getMessage());
    }
    try {
      Map<String, String> privateIndex = Map.of("GIT_INDEX_FILE", index.toString());
      git.check(List.of("read-tree", parent), null, privateIndex);
      String blob =
          git.check(List.of("hash-object", "-w", "--stdin"), content, Map.of()).firstLine();
      String mode = existingMode(parent, path).orElse("100644");
      git.check(
          List.of("update-index", "--add", "--cacheinfo", mode + "," + blob + "," + path),
          null,
          privateIndex);
      String tree = git.check(List.of("write-tree"), null, privateIndex).firstLine();
      List<String> arguments =
          new ArrayList<>(List.of("commit-tree", tree, "-p", parent, "-F", "-"));
      signingKey().ifPresent(key -> arguments.add("-S" + key));
      return git.check(
              arguments, message.getBytes(StandardCharsets.UTF_8), identityEnvironment(author))
          .firstLine();
    } finally {
      try {
        Files.deleteIfExists(index);
      } catch (IOException ignored) {
        // a temporary file
      }
    }
  }

  private Optional<String> existingMode(String revision, String path) throws GitException {
    String out = git.check(List.of("ls-tree", revision, "--", path)).firstLine();
    return out.isEmpty() ? Optional.empty() : Optional.of(out.split(" ")[0]);
  }

  /** The author is also the committer unless git has a committer identity of its own. */
  private Map<String, String> identityEnvironment(GitIdentity author) throws GitException {
    GitIdentity committer = configuredIdentity().orElse(author);
    return Map.of(
        "GIT_AUTHOR_NAME", author.name(),
        "GIT_AUTHOR_EMAIL", author.email(),
        "GIT_COMMITTER_NAME", committer.name(),
        "GIT_COMMITTER_EMAIL", committer.email());
  }

  /** Sets a configuration value in this (local) repository, e.g. a signing key for its commits. */
  public void setConfig(String key, String value) throws GitException {
    git.check(List.of("config", key, value));
    configCache.remove(key);
  }

  /** The key to sign with: git's {@code user.signingkey}, when configured. */
  public Optional<String> signingKey() throws GitException {
    return config("user.signingkey");
  }

  /** Checks {@code commit} out in the work tree as branch {@code branch}, discarding changes. */
  public void checkout(String branch, String commit) throws GitException {
    git.check(List.of("checkout", "--quiet", "--force", "-B", branch, commit));
  }

  @Override
  public void createBranch(String name, String commit) throws GitException {
    git.check(List.of("update-ref", "refs/heads/" + name, commit));
  }

  @Override
  public void tag(String name, String commit, String message, GitIdentity tagger)
      throws GitException {
    List<String> arguments = new ArrayList<>(List.of("tag", "--annotate", "-F", "-"));
    Optional<String> key = signingKey();
    if (key.isPresent()) {
      arguments.addAll(List.of("--local-user", key.get()));
    }
    arguments.addAll(List.of(name, commit));
    git.check(arguments, message.getBytes(StandardCharsets.UTF_8), identityEnvironment(tagger));
  }

  @Override
  public void close() {
    if (secretsDir != null) {
      try {
        Files.deleteIfExists(secretsDir.resolve("askpass"));
        Files.deleteIfExists(secretsDir);
      } catch (IOException ignored) {
        // a temporary directory
      }
    }
  }
}
