package org.jenkinsci.plugins.gitclient;

import org.eclipse.jgit.transport.URIish;

public interface PushCommand extends GitCommand {
  PushCommand to(URIish remote);

  PushCommand ref(String refspec);
}
