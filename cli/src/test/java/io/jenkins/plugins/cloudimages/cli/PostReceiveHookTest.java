package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.cloudimages.testing.GitRepos;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real hook, run by a real git push into a bare repository. */
class PostReceiveHookTest {
  @TempDir Path dir;
  Path server;
  HttpServer jenkins;
  final List<URI> requests = new CopyOnWriteArrayList<>();
  int status = 200;

  @BeforeEach
  void installHook() throws IOException {
    RequiredTools.require("git", "curl", "awk");
    server = GitRepos.bare(dir.resolve("kickstarts.git"));
    Path hook = server.resolve("hooks/post-receive");
    Files.copy(hookSource(), hook, StandardCopyOption.REPLACE_EXISTING);
    assertThat(hook.toFile().setExecutable(true)).isTrue();
    GitRepos.commit(server, "Add", Map.of("CentOS-7-x86_64-GenericCloud.ks", "lang C\n"));
  }

  @AfterEach
  void stopJenkins() {
    if (jenkins != null) {
      jenkins.stop(0);
    }
  }

  static Path hookSource() {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path hook = at.resolve("kickstarts/hooks/post-receive");
      if (Files.isRegularFile(hook)) {
        return hook;
      }
    }
    throw new AssertionError("kickstarts/hooks/post-receive not found above the working directory");
  }

  void startJenkins() throws IOException {
    jenkins = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jenkins.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestURI());
          byte[] body = "Scheduled polling of kickstarts\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jenkins.start();
    configure("cloudimg.jenkinsUrl", "http://127.0.0.1:" + jenkins.getAddress().getPort() + "/ci/");
  }

  void configure(String key, String value) {
    GitRepos.git(server, "config", key, value);
  }

  @Test
  void shouldNotifyJenkinsWithTheRepositoryUrlBranchCommitAndToken() throws IOException {
    startJenkins();
    configure("cloudimg.notifyToken", "s3cret token");
    configure("cloudimg.repositoryUrl", "ssh://git@git.example.org/kickstarts.git");

    GitRepos.Pushed pushed =
        GitRepos.push(server, "Bump", Map.of("CentOS-7-x86_64-GenericCloud.ks", "lang en_US\n"));

    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getPath()).isEqualTo("/ci/git/notifyCommit");
    assertThat(requests.get(0).getRawQuery())
        .isEqualTo(
            "url=ssh%3A%2F%2Fgit%40git.example.org%2Fkickstarts.git&branches=main&sha1="
                + pushed.commit()
                + "&token=s3cret%20token");
    assertThat(pushed.pushOutput())
        .contains("remote: cloudimg: notified Jenkins of main at " + pushed.commit())
        .doesNotContain("s3cret");
  }

  @Test
  void shouldStartNothingForAPushOfReleaseCommitsOnly() throws IOException {
    startJenkins();

    GitRepos.Pushed pushed =
        GitRepos.push(
            server, "RELEASEABLE img-261125_01.qcow2 aaaaaaaaaaaa", Map.of("x.json", "{}"));

    assertThat(requests).isEmpty();
    assertThat(pushed.pushOutput())
        .contains("remote: cloudimg: main: no new commits but release commits");
  }

  @Test
  void shouldReportAFailedNotificationToThePusherAndStillAcceptThePush() throws IOException {
    startJenkins();
    status = 403;

    GitRepos.Pushed pushed = GitRepos.push(server, "Bump", Map.of("a.ks", "lang C\n"));

    assertThat(pushed.pushOutput())
        .contains("remote: cloudimg: could not notify Jenkins")
        .contains("403")
        .contains("no notifyCommit access token configured");
    assertThat(GitRepos.git(server, "rev-parse", "main").strip()).isEqualTo(pushed.commit());
  }

  @Test
  void shouldGiveUpOnAnUnresponsiveJenkinsWithinItsTimeout() throws IOException {
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      configure("cloudimg.jenkinsUrl", "http://127.0.0.1:" + silent.getLocalPort());
      configure("cloudimg.curlTimeout", "2");
      Instant start = Instant.now();

      GitRepos.Pushed pushed = GitRepos.push(server, "Bump", Map.of("a.ks", "lang C\n"));

      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
      assertThat(pushed.pushOutput()).contains("remote: cloudimg: could not notify Jenkins");
    }
  }

  @Test
  void shouldStartTheRunCommandInTheBackgroundWithoutJenkins() throws Exception {
    Path record = dir.resolve("run-arguments.txt");
    Path command = dir.resolve("fake-cloudimg");
    Files.writeString(
        command,
        "#!/bin/sh\necho $$ > '"
            + record
            + ".pid'\necho \"$@\" > '"
            + record
            + ".tmp'\n"
            + "mv '"
            + record
            + ".tmp' '"
            + record
            + "'\nsleep 30\n");
    assertThat(command.toFile().setExecutable(true)).isTrue();
    configure("cloudimg.runCommand", command.toString());
    configure("cloudimg.runArgs", "--dry-run --format json");
    String before = GitRepos.git(server, "rev-parse", "main").strip();
    Instant start = Instant.now();

    GitRepos.Pushed pushed = GitRepos.push(server, "Bump", Map.of("a.ks", "lang C\n"));

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    assertThat(pushed.pushOutput()).contains("remote: cloudimg: started");
    for (int i = 0; i < 100 && !Files.exists(record); i++) {
      Thread.sleep(100);
    }
    assertThat(Files.readString(record).strip())
        .isEqualTo(
            "run --repo "
                + server.toRealPath()
                + " --branch main --from "
                + before
                + " --to "
                + pushed.commit()
                + " --dry-run --format json");
    long pid = Long.parseLong(Files.readString(Path.of(record + ".pid")).strip());
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
  }
}
