package org.jenkinsci.plugins.gitclient;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import hudson.plugins.git.GitException;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

public interface GitClient {
  <T> T withRepository(RepositoryCallback<T> callable)
      throws GitException, IOException, InterruptedException;

  void setRemoteUrl(String name, String url) throws GitException, InterruptedException;

  FetchCommand fetch_();

  PushCommand push();

  InitCommand init_();

  ObjectId getHeadRev(String remoteRepoUrl, String branch)
      throws GitException, InterruptedException;

  Map<String, ObjectId> getRemoteReferences(
      String remoteRepoUrl, String pattern, boolean headsOnly, boolean tagsOnly)
      throws GitException, InterruptedException;

  Map<String, String> getRemoteSymbolicReferences(String remoteRepoUrl, String pattern)
      throws GitException, InterruptedException;

  ObjectId revParse(String revName) throws GitException, InterruptedException;

  void setCredentials(StandardUsernameCredentials cred);
}
