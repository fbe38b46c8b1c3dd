package io.jenkins.plugins.cloudimages.deploy;

/** How the instance's SSH host key becomes known before the first connection is trusted. */
public enum HostKeyMode {
  /** A fresh host key pair is generated here and injected through user data; pinned before boot. */
  INJECT,
  /** The keys cloud-init prints on the serial console are read once SSH answers. */
  CONSOLE
}
