package io.jenkins.plugins.cloudimages.release;

import java.util.List;
import java.util.Optional;

/**
 * The few git operations the release and trigger stages need, on a local clone of one remote
 * repository. The command line uses {@link CliGitRepository}; the Jenkins glue implements it with
 * the Git client plugin. Commits are made without a work tree (from a revision plus one changed
 * file), so a clone may be bare and a user's checkout is never disturbed.
 */
public interface GitRepository {

  // --- remote

  /** Fetches {@code branch} from the remote and returns the commit it points at there. */
  String fetch(String branch) throws GitException;

  /**
   * Pushes {@code commit} to {@code branch} on the remote as a fast-forward (never forced).
   *
   * @return {@link PushResult#REJECTED} when the remote branch moved meanwhile (another push won
   *     the race); any other failure throws
   */
  PushResult push(String commit, String branch) throws GitException;

  /** Pushes a tag; fails when the remote already has a different tag of that name. */
  void pushTag(String tag) throws GitException;

  // --- read

  /** The content of {@code path} at {@code revision}, byte for byte, or empty when absent. */
  Optional<byte[]> readFile(String revision, String path) throws GitException;

  /** Every file path in the tree of {@code revision}. */
  List<String> listFiles(String revision) throws GitException;

  /**
   * The commits reachable from {@code to} but not from {@code from} (all commits of {@code to} when
   * {@code from} is null), oldest first, each with the files it changed.
   */
  List<Commit> commits(String from, String to) throws GitException;

  /** Resolves a revision expression to a full commit id; empty when it names nothing. */
  Optional<String> resolve(String revision) throws GitException;

  /** The newest commit reachable from {@code revision} that changed {@code path}, if any. */
  Optional<String> lastCommitTouching(String revision, String path) throws GitException;

  /** The newest commit reachable from {@code revision} whose subject is exactly {@code subject}. */
  Optional<String> commitWithSubject(String revision, String subject) throws GitException;

  /** The identity configured for this repository (user.name and user.email), if complete. */
  Optional<GitIdentity> configuredIdentity() throws GitException;

  // --- write

  /**
   * Creates a commit whose parent is {@code parent} and whose tree is the parent's with {@code
   * path} set to {@code content}; the commit is signed when a signing key is configured. Returns
   * the new commit id; no branch moves.
   */
  String commitFile(String parent, String path, byte[] content, String message, GitIdentity author)
      throws GitException;

  /** Creates a local branch, to keep a commit that could not land. */
  void createBranch(String name, String commit) throws GitException;

  /** Creates an annotated tag (signed when a signing key is configured). */
  void tag(String name, String commit, String message, GitIdentity tagger) throws GitException;

  /** Whether the remote has this tag, and at which object. */
  Optional<String> remoteTag(String tag) throws GitException;

  /** Outcome of a push that did not fail outright. */
  enum PushResult {
    PUSHED,
    REJECTED
  }

  /** Kind of change of one path in a commit. */
  enum ChangeType {
    ADDED,
    MODIFIED,
    DELETED
  }

  /** One changed path. */
  record FileChange(ChangeType type, String path) {}

  /** A commit with its subject (first line of the message) and the files it changed. */
  record Commit(String id, String subject, List<FileChange> changes) {
    public Commit {
      changes = List.copyOf(changes);
    }
  }
}
