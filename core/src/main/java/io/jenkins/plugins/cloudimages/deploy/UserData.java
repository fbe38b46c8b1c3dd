package io.jenkins.plugins.cloudimages.deploy;

/**
 * The cloud-init user data a deployment boots with: the per-build public key for the login user
 * and, when the host key is injected, the instance's SSH host key pair (cloud-init's {@code
 * ssh_keys}), so that the key pinned before boot is the one the instance presents.
 */
final class UserData {
  private UserData() {}

  static String userData(String loginUser, String authorizedKey, SshKeyPair hostKey) {
    StringBuilder yaml = new StringBuilder("#cloud-config\n");
    if ("root".equals(loginUser)) {
      yaml.append("disable_root: false\n");
      yaml.append("ssh_authorized_keys:\n  - ").append(authorizedKey).append('\n');
    } else {
      yaml.append("users:\n  - default\n");
      yaml.append("  - name: ").append(loginUser).append('\n');
      yaml.append("    sudo: ALL=(ALL) NOPASSWD:ALL\n");
      yaml.append("    shell: /bin/bash\n");
      yaml.append("    ssh_authorized_keys:\n      - ").append(authorizedKey).append('\n');
    }
    yaml.append("ssh_pwauth: false\n");
    yaml.append("locale: false\n");
    if (hostKey != null) {
      yaml.append("ssh_deletekeys: true\n");
      yaml.append("ssh_genkeytypes: []\n");
      yaml.append("ssh_keys:\n");
      yaml.append("  ed25519_private: |\n");
      hostKey.privateKey().lines().forEach(l -> yaml.append("    ").append(l).append('\n'));
      // cloud-init prints the key as given; without the newline the console's END line joins it.
      yaml.append("  ed25519_public: |\n    ").append(hostKey.publicKey()).append('\n');
    }
    return yaml.toString();
  }
}
