package io.jenkins.plugins.cloudimages.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.cloudimages.testing.GitRepos;
import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliGitRepositoryTest {
  @TempDir Path dir;

  @Test
  void shouldFetchAndPushOverSshVerifyingThePinnedHostKey() throws Exception {
    Path server = GitRepos.bare(dir.resolve("kickstarts.git"));
    String first = GitRepos.commit(server, "Add", Map.of("a.ks", "lang C\n"));
    try (LoopbackSshd sshd = LoopbackSshd.start(Files.createDirectories(dir.resolve("sshd")));
        CliGitRepository clone =
            CliGitRepository.cloneOf(
                "ssh://" + sshd.user() + "@127.0.0.1:" + sshd.port() + server,
                dir.resolve("clone"),
                new GitCredentials.SshKey(sshd.clientKey(), sshd.knownHosts()))) {
      assertThat(clone.fetch("main")).isEqualTo(first);

      String commit =
          clone.commitFile(
              first,
              "a.ks",
              "lang en_US\n".getBytes(StandardCharsets.UTF_8),
              "Over ssh",
              new GitIdentity("A", "a@example.org"));

      assertThat(clone.push(commit, "main")).isEqualTo(GitRepository.PushResult.PUSHED);
      assertThat(GitRepos.show(server, "a.ks")).isEqualTo("lang en_US\n");
    }
  }

  @Test
  void shouldRefuseAServerWhoseHostKeyIsNotPinned() throws Exception {
    Path server = GitRepos.bare(dir.resolve("kickstarts.git"));
    GitRepos.commit(server, "Add", Map.of("a.ks", "lang C\n"));
    try (LoopbackSshd sshd = LoopbackSshd.start(Files.createDirectories(dir.resolve("sshd")))) {
      Path otherKnownHosts = dir.resolve("known_hosts");
      Files.writeString(
          otherKnownHosts,
          "[127.0.0.1]:"
              + sshd.port()
              + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDvDUBMoC0SeYqOCU4Av8d1Mx4PnNtFNcw0g8mG1BMaZ\n");
      try (CliGitRepository clone =
          CliGitRepository.cloneOf(
              "ssh://" + sshd.user() + "@127.0.0.1:" + sshd.port() + server,
              dir.resolve("clone"),
              new GitCredentials.SshKey(sshd.clientKey(), otherKnownHosts))) {
        assertThatThrownBy(() -> clone.fetch("main"))
            .isInstanceOf(GitException.class)
            .hasMessageContaining("Host key verification failed");
      }
    }
  }

  @Test
  void shouldAnswerHttpAuthenticationFromTheEnvironmentNotTheArguments() throws Exception {
    RequiredTools.require("git");
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        exchange -> {
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          if (authorization == null) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
          } else {
            authorizations.add(authorization);
            exchange.sendResponseHeaders(403, -1);
          }
          exchange.close();
        });
    http.start();
    try (CliGitRepository clone =
        CliGitRepository.cloneOf(
            "http://127.0.0.1:" + http.getAddress().getPort() + "/kickstarts.git",
            dir.resolve("clone"),
            new GitCredentials.UsernamePassword("builder", "t0ken with spaces"))) {
      assertThatThrownBy(() -> clone.fetch("main"))
          .isInstanceOf(GitException.class)
          .hasMessageNotContaining("t0ken");
    } finally {
      http.stop(0);
    }
    assertThat(authorizations).isNotEmpty();
    assertThat(
            new String(
                Base64.getDecoder().decode(authorizations.get(0).substring("Basic ".length())),
                StandardCharsets.UTF_8))
        .isEqualTo("builder:t0ken with spaces");
  }

  @Test
  void shouldListEachCommitsChangesOldestFirst() {
    String log =
        "\u001eaaa\u001fFirst\0\nA\0x.ks\0M\0y.json\0"
            + "\u001ebbb\u001fMerge\0\0MM\0x.ks\0"
            + "\u001eccc\u001fEmpty\0";

    List<GitRepository.Commit> commits = CliGitRepository.parseLog(log);

    assertThat(commits)
        .containsExactly(
            new GitRepository.Commit(
                "aaa",
                "First",
                List.of(
                    new GitRepository.FileChange(GitRepository.ChangeType.ADDED, "x.ks"),
                    new GitRepository.FileChange(GitRepository.ChangeType.MODIFIED, "y.json"))),
            new GitRepository.Commit(
                "bbb",
                "Merge",
                List.of(new GitRepository.FileChange(GitRepository.ChangeType.MODIFIED, "x.ks"))),
            new GitRepository.Commit("ccc", "Empty", List.of()));
  }

  @Test
  void shouldQuoteKeyPathsInTheSshCommand() {
    String command =
        CliGitRepository.sshCommand(
            new GitCredentials.SshKey(Path.of("/keys/it's key"), Path.of("/etc/known hosts")));

    assertThat(command)
        .isEqualTo(
            "ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -i '/keys/it'\\''s key'"
                + " -o IdentitiesOnly=yes -o UserKnownHostsFile='/etc/known hosts'");
  }
}
