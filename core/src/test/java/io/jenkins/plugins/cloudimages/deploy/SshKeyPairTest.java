package io.jenkins.plugins.cloudimages.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeyPairTest {
  @TempDir Path temp;

  @Test
  void shouldWriteAPrivateKeyThatOpenSshDerivesTheSamePublicKeyFrom() throws Exception {
    RequiredTools.require("ssh-keygen");
    SshKeyPair pair = SshKeyPair.generateEd25519("build-42");
    Path key = pair.writePrivateKey(temp.resolve("id_ed25519"));

    ProcessRunner.Result derived =
        new ProcessRunner().run("ssh-keygen", "-y", "-f", key.toString());

    assertThat(derived.succeeded()).as(derived.output()).isTrue();
    assertThat(derived.output().strip()).startsWith(pair.publicKeyWithoutComment());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(temp.resolve("id_ed25519.pub"))).isEqualTo(pair.publicKey() + "\n");
  }

  @Test
  void shouldBeReadableByJsch() throws Exception {
    SshKeyPair pair = SshKeyPair.generateEd25519("c");
    Path key = pair.writePrivateKey(temp.resolve("k"));

    KeyPair loaded = KeyPair.load(new JSch(), key.toString());

    assertThat(loaded.getKeyType()).isEqualTo(KeyPair.ED25519);
    assertThat(loaded.isEncrypted()).isFalse();
  }

  @Test
  void shouldGenerateADifferentKeyEachTime() {
    assertThat(SshKeyPair.generateEd25519("a").publicKeyWithoutComment())
        .isNotEqualTo(SshKeyPair.generateEd25519("a").publicKeyWithoutComment());
  }
}
