package org.jenkinsci.plugins.gitclient;

import java.util.List;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

public interface FetchCommand extends GitCommand {
  FetchCommand from(URIish remote, List<RefSpec> refspecs);

  FetchCommand tags(boolean tags);
}
