package io.jenkins.plugins.cloudimages.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeysTest {
  @TempDir Path temp;

  private static final String CONSOLE =
      "[   12.3] cloud-init[512]: Cloud-init v. 22.4 running 'modules:config'\n"
          + "<14>Nov 25 10:00:01 cloud-init: #############################################################\n"
          + "<14>Nov 25 10:00:01 cloud-init: -----BEGIN SSH HOST KEY KEYS-----\n"
          + "<14>Nov 25 10:00:01 cloud-init: ecdsa-sha2-nistp256 AAAAE2VjZHNh root@guest\n"
          + "<14>Nov 25 10:00:01 cloud-init: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA root@guest\n"
          + "<14>Nov 25 10:00:01 cloud-init: -----END SSH HOST KEY KEYS-----\n"
          + "login: ";

  @Test
  void shouldReadTheKeysCloudInitPrintsOnTheConsole() {
    assertThat(HostKeys.fromConsole(CONSOLE))
        .containsExactly(
            "ecdsa-sha2-nistp256 AAAAE2VjZHNh", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA");
  }

  @Test
  void shouldIgnoreABlockThatIsNotFinishedYet() {
    String partial = CONSOLE.substring(0, CONSOLE.indexOf("ssh-ed25519"));
    assertThat(HostKeys.fromConsole(partial)).isEmpty();
    assertThat(HostKeys.fromConsole("no keys here")).isEmpty();
  }

  @Test
  void shouldTakeTheLastBlockAfterAReboot() {
    String rebooted =
        CONSOLE
            + "\n-----BEGIN SSH HOST KEY KEYS-----\nssh-ed25519 AAAAnew x\n-----END SSH HOST KEY KEYS-----\n";
    assertThat(HostKeys.fromConsole(rebooted)).containsExactly("ssh-ed25519 AAAAnew");
  }

  @Test
  void shouldPinKeysForTheHostAndPortAsOpenSshWritesThem() throws Exception {
    Path file = temp.resolve("known_hosts");

    HostKeys.writeKnownHosts(file, "127.0.0.1", 2201, List.of("ssh-ed25519 AAAAkey comment"));
    assertThat(Files.readString(file)).isEqualTo("[127.0.0.1]:2201 ssh-ed25519 AAAAkey\n");

    HostKeys.writeKnownHosts(file, "10.0.0.5", 22, List.of("ssh-ed25519 AAAAkey"));
    assertThat(Files.readString(file)).isEqualTo("10.0.0.5 ssh-ed25519 AAAAkey\n");
  }

  @Test
  void shouldPutTheInjectedHostKeyIntoTheUserData() {
    SshKeyPair host = SshKeyPair.generateEd25519("h");
    String userData = UserData.userData("centos", "ssh-ed25519 AAAAclient c", host);

    assertThat(userData).startsWith("#cloud-config\n");
    assertThat(userData).contains("  - name: centos\n", "      - ssh-ed25519 AAAAclient c\n");
    assertThat(userData)
        .contains("  ed25519_private: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n");
    assertThat(userData).contains("  ed25519_public: |\n    " + host.publicKey() + "\n");
    assertThat(UserData.userData("root", "k", null))
        .contains("disable_root: false")
        .doesNotContain("ssh_keys");
  }
}
