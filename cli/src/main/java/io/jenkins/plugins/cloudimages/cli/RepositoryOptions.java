package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.release.CliGitRepository;
import io.jenkins.plugins.cloudimages.release.GitCredentials;
import io.jenkins.plugins.cloudimages.release.GitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The kickstart repository a command works on ({@code --repo DIR|URL}) and how to reach it: an SSH
 * key with a pinned known_hosts file, or a user name with a password or token read from an
 * environment variable. Secrets never go on the command line.
 */
final class RepositoryOptions {
  @Option(
      names = "--repo",
      required = true,
      paramLabel = "DIR|URL",
      description = "The kickstart repository: a local directory (bare or not) or a git URL.")
  String repo;

  @Option(
      names = "--branch",
      paramLabel = "B",
      description = "The branch (default: the repository's default branch).")
  String branch;

  @Option(
      names = "--identity",
      paramLabel = "FILE",
      description = "SSH private key for ssh:// remotes (needs --known-hosts).")
  Path identity;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description = "known_hosts file pinning the git server's host key.")
  Path knownHosts;

  @Option(
      names = "--username",
      paramLabel = "NAME",
      description = "User name for https:// remotes (with --password-env).")
  String username;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Environment variable holding the password or access token for --username.")
  String passwordEnv;

  /** Whether {@code --repo} names a local directory. */
  boolean isLocal() {
    return !repo.contains("://") && Files.isDirectory(Path.of(repo));
  }

  /** Whether {@code --repo} names a clone with a work tree (not a bare repository). */
  boolean isWorkTree() {
    return isLocal() && Files.exists(Path.of(repo).resolve(".git"));
  }

  /** The remote as git takes it: an absolute path for a directory, else the URL. */
  String remote() {
    return isLocal() ? Path.of(repo).toAbsolutePath().normalize().toString() : repo;
  }

  GitCredentials credentials() {
    if (identity != null || knownHosts != null) {
      if (identity == null || knownHosts == null) {
        throw new IllegalArgumentException(
            "--identity and --known-hosts go together: the host key is always verified");
      }
      requireReadable(identity, "--identity");
      requireReadable(knownHosts, "--known-hosts");
      return new GitCredentials.SshKey(identity, knownHosts);
    }
    if (username != null || passwordEnv != null) {
      if (username == null || passwordEnv == null) {
        throw new IllegalArgumentException("--username and --password-env go together");
      }
      String secret = System.getenv(passwordEnv);
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException(
            "--password-env " + passwordEnv + ": that environment variable is not set");
      }
      return new GitCredentials.UsernamePassword(username, secret);
    }
    return GitCredentials.none();
  }

  private static void requireReadable(Path file, String option) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(option + " " + file + ": no such readable file");
    }
  }

  /** A fresh bare clone (nothing fetched yet) in a new temporary directory. */
  CliGitRepository temporaryClone() throws GitException, IOException {
    return temporaryClone(false);
  }

  /** A fresh clone (nothing fetched yet), with a work tree when asked, in a new directory. */
  CliGitRepository temporaryClone(boolean workTree) throws GitException, IOException {
    Path directory = Files.createTempDirectory("cloudimg-repo-");
    return CliGitRepository.cloneOf(remote(), directory, credentials(), workTree);
  }

  /** The branch to work on: {@code --branch}, else the remote's default branch. */
  String branchOf(CliGitRepository clone) throws GitException {
    return branch != null ? branch : clone.remoteDefaultBranch();
  }

  static void deleteRecursively(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; nothing depends on it
    }
  }
}
