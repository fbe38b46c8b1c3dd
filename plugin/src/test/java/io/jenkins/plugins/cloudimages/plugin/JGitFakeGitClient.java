package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import hudson.plugins.git.GitException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.jenkinsci.plugins.gitclient.FetchCommand;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.jenkinsci.plugins.gitclient.InitCommand;
import org.jenkinsci.plugins.gitclient.PushCommand;
import org.jenkinsci.plugins.gitclient.RepositoryCallback;

/**
 * FAKE of the Git client plugin's {@link GitClient} (the real one needs a running Jenkins): the
 * members GitClientRepository calls, done with JGit on local repositories as the plugin's JGit
 * implementation does them. A push fails like the real client does, with a {@link GitException}
 * whose message is the remote's status. {@link #beforePush} runs just before each push, to simulate
 * another pusher winning the race.
 */
final class JGitFakeGitClient implements GitClient {
  private final File directory;
  private final List<String> calls = new ArrayList<>();
  Runnable beforePush = () -> {};
  StandardUsernameCredentials credentials;

  JGitFakeGitClient(File directory) {
    this.directory = directory;
  }

  List<String> calls() {
    return calls;
  }

  @Override
  public <T> T withRepository(RepositoryCallback<T> callable)
      throws IOException, InterruptedException {
    try (Git git = Git.open(directory)) {
      return callable.invoke(git.getRepository(), null);
    }
  }

  @Override
  public void setRemoteUrl(String name, String url) {
    calls.add("setRemoteUrl " + name + " " + url);
    try (Git git = Git.open(directory)) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", name, "url", url);
      config.save();
    } catch (IOException e) {
      throw new GitException(e);
    }
  }

  @Override
  public InitCommand init_() {
    return new InitCommand() {
      private String workspace;
      private boolean bare;

      @Override
      public InitCommand workspace(String workspace) {
        this.workspace = workspace;
        return this;
      }

      @Override
      public InitCommand bare(boolean bare) {
        this.bare = bare;
        return this;
      }

      @Override
      public void execute() {
        calls.add("init " + workspace + (bare ? " bare" : ""));
        try {
          Git.init().setDirectory(new File(workspace)).setBare(bare).call().close();
        } catch (GitAPIException e) {
          throw new GitException(e.getMessage(), e);
        }
      }
    };
  }

  @Override
  public FetchCommand fetch_() {
    return new FetchCommand() {
      private URIish remote;
      private List<RefSpec> refspecs;

      @Override
      public FetchCommand from(URIish remote, List<RefSpec> refspecs) {
        this.remote = remote;
        this.refspecs = refspecs;
        return this;
      }

      @Override
      public FetchCommand timeout(Integer timeout) {
        return this;
      }

      @Override
      public FetchCommand tags(boolean tags) {
        return this;
      }

      @Override
      public void execute() {
        calls.add("fetch " + remote + " " + refspecs);
        try (Git git = Git.open(directory)) {
          git.fetch().setRemote(remote.toString()).setRefSpecs(refspecs).call();
        } catch (IOException | GitAPIException e) {
          throw new GitException(e.getMessage(), e);
        }
      }
    };
  }

  @Override
  public PushCommand push() {
    return new PushCommand() {
      private URIish remote;
      private String refspec;

      @Override
      public PushCommand to(URIish remote) {
        this.remote = remote;
        return this;
      }

      @Override
      public PushCommand ref(String refspec) {
        this.refspec = refspec;
        return this;
      }

      @Override
      public PushCommand timeout(Integer timeout) {
        return this;
      }

      @Override
      public void execute() {
        calls.add("push " + remote + " " + refspec);
        beforePush.run();
        try (Git git = Git.open(directory)) {
          for (PushResult result :
              git.push().setRemote(remote.toString()).setRefSpecs(new RefSpec(refspec)).call()) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
              if (update.getStatus() != RemoteRefUpdate.Status.OK
                  && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                throw new GitException(
                    "Command \"git push\" returned status code 1: ! [rejected] "
                        + update.getRemoteName()
                        + " "
                        + update.getStatus());
              }
            }
          }
        } catch (IOException | GitAPIException e) {
          throw new GitException(e.getMessage(), e);
        }
      }
    };
  }

  @Override
  public ObjectId getHeadRev(String remoteRepoUrl, String branch) {
    return getRemoteReferences(remoteRepoUrl, null, true, false).get("refs/heads/" + branch);
  }

  @Override
  public Map<String, ObjectId> getRemoteReferences(
      String remoteRepoUrl, String pattern, boolean headsOnly, boolean tagsOnly) {
    calls.add("ls-remote " + remoteRepoUrl + (pattern == null ? "" : " " + pattern));
    Map<String, ObjectId> refs = new HashMap<>();
    for (Ref ref : lsRemote(remoteRepoUrl, headsOnly, tagsOnly)) {
      if (pattern == null || ref.getName().equals(pattern)) {
        refs.put(ref.getName(), ref.getObjectId());
      }
    }
    return refs;
  }

  @Override
  public Map<String, String> getRemoteSymbolicReferences(String remoteRepoUrl, String pattern) {
    Map<String, String> refs = new HashMap<>();
    for (Ref ref : lsRemote(remoteRepoUrl, false, false)) {
      if (ref.isSymbolic() && (pattern == null || ref.getName().equals(pattern))) {
        refs.put(ref.getName(), ref.getTarget().getName());
      }
    }
    return refs;
  }

  private java.util.Collection<Ref> lsRemote(String url, boolean heads, boolean tags) {
    try {
      return Git.lsRemoteRepository().setRemote(url).setHeads(heads).setTags(tags).call();
    } catch (GitAPIException e) {
      throw new GitException(e.getMessage(), e);
    }
  }

  @Override
  public ObjectId revParse(String revName) {
    try (Git git = Git.open(directory)) {
      Repository repo = git.getRepository();
      ObjectId id = repo.resolve(revName);
      if (id == null) {
        throw new GitException("unknown revision " + revName);
      }
      return id;
    } catch (IOException e) {
      throw new GitException(e);
    }
  }

  @Override
  public void setCredentials(StandardUsernameCredentials cred) {
    this.credentials = cred;
  }
}
