package io.jenkins.plugins.cloudimages.plugin;

import io.jenkins.plugins.cloudimages.release.DefaultBranch;
import io.jenkins.plugins.cloudimages.release.GitException;
import io.jenkins.plugins.cloudimages.release.GitIdentity;
import io.jenkins.plugins.cloudimages.release.GitRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.jenkinsci.plugins.gitclient.RepositoryCallback;

/**
 * The engine's {@link GitRepository} on the Git client plugin, for releaseMarker on an agent.
 * Whatever talks to the remote (fetch, push, ls-remote) goes through {@link GitClient}, so the
 * plugin's credentials and its SSH host key verification apply; what stays local (reading a
 * revision, making the commit and the tag without a work tree) runs on the client's repository
 * through {@link GitClient#withRepository}, as the Git client plugin offers it to other plugins.
 */
final class GitClientRepository implements GitRepository {
  private static final String REMOTE = "origin";

  private final GitClient git;
  private final URIish remote;
  private final Map<String, String> fetchedTips = new HashMap<>();

  /** {@code git} works on an initialised repository whose {@code origin} is {@code remote}. */
  GitClientRepository(GitClient git, URIish remote) {
    this.git = git;
    this.remote = remote;
  }

  /** Initialises {@code git}'s repository with {@code remote} as its {@code origin}. */
  static GitClientRepository init(GitClient git, String directory, String remote)
      throws GitException, InterruptedException {
    URIish uri = uri(remote);
    try {
      git.init_().workspace(directory).bare(false).execute();
      git.setRemoteUrl(REMOTE, remote);
    } catch (hudson.plugins.git.GitException e) {
      throw failure("cannot initialise the release repository", e);
    }
    return new GitClientRepository(git, uri);
  }

  static URIish uri(String remote) throws GitException {
    try {
      return new URIish(remote);
    } catch (java.net.URISyntaxException e) {
      throw new GitException("not a git remote: " + remote + " (" + e.getReason() + ")");
    }
  }

  /** The branch the remote's HEAD names, by the engine's rule. */
  String remoteDefaultBranch() throws GitException, InterruptedException {
    try {
      String head =
          git.getRemoteSymbolicReferences(remoteUrl(), Constants.HEAD).get(Constants.HEAD);
      List<String> heads =
          git.getRemoteReferences(remoteUrl(), null, true, false).keySet().stream()
              .map(ref -> ref.replaceFirst("^refs/heads/", ""))
              .sorted()
              .toList();
      return DefaultBranch.of(head, heads);
    } catch (hudson.plugins.git.GitException e) {
      throw failure("cannot list the branches of " + remote.toString(), e);
    }
  }

  // --- remote

  @Override
  public String fetch(String branch) throws GitException {
    String tracking = "refs/remotes/" + REMOTE + "/" + branch;
    try {
      git.fetch_()
          .from(remote, List.of(new RefSpec("+refs/heads/" + branch + ":" + tracking)))
          .tags(false)
          .execute();
      String tip = git.revParse(tracking).name();
      fetchedTips.put(branch, tip);
      return tip;
    } catch (hudson.plugins.git.GitException e) {
      if (remoteHead(branch).isEmpty()) {
        throw new GitException("the remote repository has no branch '" + branch + "'");
      }
      throw failure("fetching " + branch, e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /**
   * A failed push is a lost race when the remote branch no longer is where this repository last
   * fetched it: whatever git printed, someone else's commit landed first.
   */
  @Override
  public PushResult push(String commit, String branch) throws GitException {
    try {
      git.push().to(remote).ref(commit + ":" + Constants.R_HEADS + branch).execute();
      return PushResult.PUSHED;
    } catch (hudson.plugins.git.GitException e) {
      Optional<String> now = remoteHead(branch);
      String fetched = fetchedTips.get(branch);
      if (fetched != null && now.isPresent() && !now.get().equals(fetched)) {
        return PushResult.REJECTED;
      }
      throw failure("pushing to " + branch, e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  @Override
  public void pushTag(String tag) throws GitException {
    String ref = Constants.R_TAGS + tag;
    try {
      git.push().to(remote).ref(ref + ":" + ref).execute();
    } catch (hudson.plugins.git.GitException e) {
      throw failure("pushing tag " + tag, e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  @Override
  public Optional<String> remoteTag(String tag) throws GitException {
    String ref = Constants.R_TAGS + tag;
    try {
      ObjectId id = git.getRemoteReferences(remoteUrl(), ref, false, true).get(ref);
      return Optional.ofNullable(id).map(ObjectId::name);
    } catch (hudson.plugins.git.GitException e) {
      throw failure("listing the remote tag " + tag, e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private Optional<String> remoteHead(String branch) throws GitException {
    try {
      // The full ref: ls-remote takes a bare name as a pattern that other branches may match.
      return Optional.ofNullable(git.getHeadRev(remoteUrl(), Constants.R_HEADS + branch))
          .map(ObjectId::name);
    } catch (hudson.plugins.git.GitException e) {
      throw failure("reading " + branch + " on the remote", e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private String remoteUrl() {
    return remote.toPrivateString();
  }

  // --- read

  @Override
  public Optional<byte[]> readFile(String revision, String path) throws GitException {
    return local(
        "reading " + path + " at " + revision,
        (repo, channel) -> {
          RevCommit commit = commit(repo, revision);
          try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.getTree())) {
            if (walk == null || walk.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
              return Optional.<byte[]>empty();
            }
            return Optional.of(repo.open(walk.getObjectId(0)).getBytes());
          }
        });
  }

  @Override
  public List<String> listFiles(String revision) throws GitException {
    return local(
        "listing the files of " + revision,
        (repo, channel) -> {
          List<String> files = new ArrayList<>();
          try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(commit(repo, revision).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
              files.add(walk.getPathString());
            }
          }
          return files;
        });
  }

  @Override
  public List<Commit> commits(String from, String to) throws GitException {
    return local(
        "listing the commits of " + to,
        (repo, channel) -> {
          List<Commit> commits = new ArrayList<>();
          try (RevWalk walk = new RevWalk(repo)) {
            RevCommit tip = walk.parseCommit(resolveCommit(repo, to));
            walk.markStart(tip);
            if (from != null && !from.matches("0+")) {
              walk.markUninteresting(walk.parseCommit(resolveCommit(repo, from)));
            } else {
              for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                uninterestingUnlessTip(walk, ref, tip);
              }
              for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
                uninterestingUnlessTip(walk, ref, tip);
              }
            }
            for (RevCommit commit : walk) {
              commits.add(
                  0, new Commit(commit.name(), commit.getShortMessage(), changes(repo, commit)));
            }
          }
          return commits;
        });
  }

  private static void uninterestingUnlessTip(RevWalk walk, Ref ref, RevCommit tip)
      throws IOException {
    ObjectId id = ref.getObjectId();
    if (id != null && !id.equals(tip)) {
      walk.markUninteresting(walk.parseCommit(id));
    }
  }

  /**
   * The paths a commit changed: against its parent, or for a merge the paths that differ from every
   * parent (what {@code git log --cc} shows).
   */
  private static List<FileChange> changes(Repository repo, RevCommit commit) throws IOException {
    if (commit.getParentCount() == 0) {
      return diff(repo, null, commit);
    }
    List<FileChange> result = null;
    for (RevCommit parent : commit.getParents()) {
      List<FileChange> against = diff(repo, parent, commit);
      if (result == null) {
        result = new ArrayList<>(against);
      } else {
        Set<String> paths = new LinkedHashSet<>();
        against.forEach(change -> paths.add(change.path()));
        result.removeIf(change -> !paths.contains(change.path()));
      }
    }
    return result;
  }

  private static List<FileChange> diff(Repository repo, RevCommit parent, RevCommit commit)
      throws IOException {
    List<FileChange> changes = new ArrayList<>();
    try (RevWalk parser = new RevWalk(repo);
        TreeWalk walk = new TreeWalk(repo)) {
      if (parent == null) {
        walk.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
      } else {
        walk.addTree(parser.parseCommit(parent).getTree());
      }
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        ChangeType type =
            walk.getRawMode(0) == 0
                ? ChangeType.ADDED
                : walk.getRawMode(1) == 0 ? ChangeType.DELETED : ChangeType.MODIFIED;
        changes.add(new FileChange(type, walk.getPathString()));
      }
    }
    return changes;
  }

  @Override
  public Optional<String> resolve(String revision) throws GitException {
    return local(
        "resolving " + revision,
        (repo, channel) ->
            Optional.ofNullable(repo.resolve(revision + "^{commit}")).map(ObjectId::name));
  }

  @Override
  public Optional<String> lastCommitTouching(String revision, String path) throws GitException {
    return local(
        "looking for the last change of " + path,
        (repo, channel) -> {
          try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(resolveCommit(repo, revision)));
            walk.setTreeFilter(
                org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(
                    PathFilter.create(path), TreeFilter.ANY_DIFF));
            RevCommit last = walk.next();
            return Optional.ofNullable(last).map(RevCommit::name);
          }
        });
  }

  @Override
  public Optional<String> commitWithSubject(String revision, String subject) throws GitException {
    return local(
        "looking for \"" + subject + "\"",
        (repo, channel) -> {
          try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(resolveCommit(repo, revision)));
            walk.setRevFilter(RevFilter.ALL);
            for (RevCommit commit : walk) {
              if (commit.getShortMessage().equals(subject)) {
                return Optional.of(commit.name());
              }
            }
            return Optional.<String>empty();
          }
        });
  }

  @Override
  public Optional<GitIdentity> configuredIdentity() throws GitException {
    return local(
        "reading the git identity",
        (repo, channel) -> {
          String name = repo.getConfig().getString("user", null, "name");
          String email = repo.getConfig().getString("user", null, "email");
          return name == null || name.isBlank() || email == null || email.isBlank()
              ? Optional.<GitIdentity>empty()
              : Optional.of(new GitIdentity(name, email));
        });
  }

  // --- write

  /**
   * The parent's tree with one blob replaced, committed without a work tree; the author is also the
   * committer unless git has an identity of its own (as the command line does).
   */
  @Override
  public String commitFile(
      String parent, String path, byte[] content, String message, GitIdentity author)
      throws GitException {
    GitIdentity committer = configuredIdentity().orElse(author);
    return local(
        "committing " + path,
        (repo, channel) -> {
          try (ObjectInserter inserter = repo.newObjectInserter();
              ObjectReader reader = repo.newObjectReader();
              RevWalk walk = new RevWalk(reader)) {
            RevCommit base = walk.parseCommit(resolveCommit(repo, parent));
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, base.getTree());
            builder.finish();
            DirCacheEntry existing = index.getEntry(path);
            FileMode mode = existing == null ? FileMode.REGULAR_FILE : existing.getFileMode();
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
            DirCacheEditor editor = index.editor();
            editor.add(
                new DirCacheEditor.PathEdit(path) {
                  @Override
                  public void apply(DirCacheEntry entry) {
                    entry.setFileMode(mode);
                    entry.setObjectId(blob);
                  }
                });
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(base);
            commit.setAuthor(person(author));
            commit.setCommitter(person(committer));
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id.name();
          }
        });
  }

  @Override
  public void createBranch(String name, String commit) throws GitException {
    local(
        "creating the branch " + name,
        (repo, channel) -> {
          RefUpdate update = repo.updateRef(Constants.R_HEADS + name);
          update.setNewObjectId(resolveCommit(repo, commit));
          update.setRefLogMessage("cloud-images: kept release commit", false);
          return checked(update.forceUpdate(), update);
        });
  }

  @Override
  public void tag(String name, String commit, String message, GitIdentity tagger)
      throws GitException {
    local(
        "tagging " + name,
        (repo, channel) -> {
          try (ObjectInserter inserter = repo.newObjectInserter()) {
            TagBuilder tag = new TagBuilder();
            tag.setTag(name);
            tag.setObjectId(resolveCommit(repo, commit), Constants.OBJ_COMMIT);
            tag.setTagger(person(tagger));
            tag.setMessage(message);
            ObjectId id = inserter.insert(tag);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.R_TAGS + name);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            return checked(update.update(), update);
          }
        });
  }

  private static RefUpdate.Result checked(RefUpdate.Result result, RefUpdate update)
      throws IOException {
    return switch (result) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> result;
      default -> throw new IOException(update.getName() + " not updated: " + result);
    };
  }

  private static PersonIdent person(GitIdentity identity) {
    return new PersonIdent(identity.name(), identity.email());
  }

  private static ObjectId resolveCommit(Repository repo, String revision) throws IOException {
    ObjectId id = repo.resolve(revision + "^{commit}");
    if (id == null) {
      throw new IOException("no commit " + revision);
    }
    return id;
  }

  private static RevCommit commit(Repository repo, String revision) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(resolveCommit(repo, revision));
    }
  }

  private <T> T local(String what, RepositoryCallback<T> callback) throws GitException {
    try {
      return git.withRepository(callback);
    } catch (IOException | hudson.plugins.git.GitException e) {
      throw failure(what, e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private static GitException failure(String what, Exception e) {
    return new GitException(what + ": " + e.getMessage());
  }

  private static GitException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new GitException("interrupted");
  }
}
