package io.jenkins.plugins.cloudimages.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Session;
import io.jenkins.plugins.cloudimages.ssh.SshConnector;
import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackSshdTest {
  @TempDir Path dir;

  @Test
  void shouldRunCommandsOverAVerifiedConnection() throws Exception {
    try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
      Session session =
          SshConnector.connect(
              SshTarget.withKey(
                  sshd.host(), sshd.port(), sshd.user(), sshd.clientKey(), sshd.knownHosts()));
      try {
        ChannelExec exec = (ChannelExec) session.openChannel("exec");
        exec.setCommand("echo hello-$((20+22))");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exec.setOutputStream(out);
        exec.connect(10_000);
        while (!exec.isClosed()) {
          Thread.sleep(20);
        }
        assertThat(out.toString()).isEqualTo("hello-42\n");
        assertThat(exec.getExitStatus()).isZero();
      } finally {
        session.disconnect();
      }
    }
  }

  @Test
  void shouldRefuseAHostWhoseKeyIsNotPinned() throws Exception {
    try (LoopbackSshd sshd = LoopbackSshd.start(dir)) {
      Path other = dir.resolve("other_known_hosts");
      Files.writeString(
          other,
          "[127.0.0.1]:"
              + sshd.port()
              + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
      assertThatThrownBy(
              () ->
                  SshConnector.connect(
                      SshTarget.withKey(
                          sshd.host(), sshd.port(), sshd.user(), sshd.clientKey(), other)))
          .isInstanceOf(SshException.class)
          .hasMessageContaining("does not match");
      Files.writeString(other, "");
      assertThatThrownBy(
              () ->
                  SshConnector.connect(
                      SshTarget.withKey(
                          sshd.host(), sshd.port(), sshd.user(), sshd.clientKey(), other)))
          .isInstanceOf(SshException.class)
          .hasMessageContaining("is not in");
    }
  }
}
