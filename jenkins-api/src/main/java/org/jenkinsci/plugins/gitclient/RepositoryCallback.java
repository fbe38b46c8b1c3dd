package org.jenkinsci.plugins.gitclient;

import hudson.plugins.git.GitException;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.io.Serializable;
import org.eclipse.jgit.lib.Repository;

public interface RepositoryCallback<T> extends Serializable {
  T invoke(Repository repo, VirtualChannel channel)
      throws GitException, IOException, InterruptedException;
}
