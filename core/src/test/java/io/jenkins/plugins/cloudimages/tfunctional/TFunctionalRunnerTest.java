package io.jenkins.plugins.cloudimages.tfunctional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.RemoteShell;
import io.jenkins.plugins.cloudimages.deploy.RemoteShellException;
import io.jenkins.plugins.cloudimages.deploy.SshShell;
import io.jenkins.plugins.cloudimages.ssh.InMemorySshKeys;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import io.jenkins.plugins.cloudimages.testing.SampleSuite;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a real OpenSSH sshd on loopback, running the sample suite on this machine. */
class TFunctionalRunnerTest {
  @TempDir static Path sshdDir;
  @TempDir Path dir;
  private static LoopbackSshd sshd;

  private final List<String> live = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = LoopbackSshd.start(sshdDir);
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void shouldRunEachFileAsATestCaseAndStopAHangAtTheBudget() throws Exception {
    Path pidFile = dir.resolve("hang.pid");
    TFunctionalConfig config =
        config(new SuiteSource.Directory(SampleSuite.copyTo(dir.resolve("suite"))))
            .withMode(TFunctionalConfig.Mode.PER_FILE)
            .withBudget(Duration.ofSeconds(3))
            .withEnvironment(Map.of("HANG_PIDFILE", pidFile.toString()));

    long start = System.nanoTime();
    TFunctionalResult result = run(sshd, config);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    Map<String, TestCaseResult> cases = byPath(result);
    assertThat(cases.keySet())
        .containsExactly(
            "tests/0_common/00_environment.sh",
            "tests/0_common/10_scratch_install.sh",
            "tests/p_fail/10_fails.sh",
            "tests/p_fail/20_after_failure.sh",
            "tests/p_hang/10_hangs.sh",
            "tests/p_pass/10_arithmetic.sh",
            "tests/p_pass/20_text.sh",
            "tests/p_skip/10_not_on_this_release.sh",
            "tests/r_role/10_role.sh",
            "tests/z_last/10_last.sh");
    assertThat(cases.get("tests/0_common/00_environment.sh").status()).isEqualTo(TestStatus.PASSED);
    assertThat(cases.get("tests/0_common/10_scratch_install.sh").status())
        .isEqualTo(TestStatus.PASSED);
    TestCaseResult failed = cases.get("tests/p_fail/10_fails.sh");
    assertThat(failed.status()).isEqualTo(TestStatus.FAILED);
    assertThat(failed.message()).contains("FAIL").contains("status 1");
    assertThat(failed.output()).contains("expected 42, got 41").doesNotContain("not reached");
    assertThat(cases.get("tests/p_fail/20_after_failure.sh").status()).isEqualTo(TestStatus.PASSED);
    TestCaseResult hung = cases.get("tests/p_hang/10_hangs.sh");
    assertThat(hung.status()).isEqualTo(TestStatus.FAILED);
    assertThat(hung.message()).contains("time budget of 3s");
    assertThat(cases.get("tests/z_last/10_last.sh").status()).isEqualTo(TestStatus.SKIPPED);
    assertThat(cases.get("tests/z_last/10_last.sh").message())
        .isEqualTo("not run: the time budget of 3s ran out");
    assertThat(result.passed()).isFalse();
    assertThat(result.problem()).contains("time budget");
    assertThat(result.summary().tests()).isEqualTo(10);
    assertThat(result.summary().failures()).isEqualTo(2);
    assertThat(result.summary().skipped()).isEqualTo(5);

    long sleeper = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false))
        .as("the hanging test's child process was killed")
        .isFalse();
    assertThat(live).anyMatch(l -> l.contains("expected 42, got 41"));
    assertThat(live).anyMatch(l -> l.startsWith("[cloudimg] FAILED tests/p_fail/10_fails.sh"));
    assertThat(dir.resolve("remote")).isEmptyDirectory();
  }

  @Test
  void shouldPassASelectionWithSkippedFilesAndWriteJUnit() throws Exception {
    Path skipList = dir.resolve("skip.list");
    Files.writeString(
        skipList, "# ours\n7|tests/p_pass/20_text.sh|https://bugs.example.invalid/2\n");
    TFunctionalConfig config =
        config(new SuiteSource.Directory(SampleSuite.copyTo(dir.resolve("suite"))))
            .withMode(TFunctionalConfig.Mode.PER_FILE)
            .withTests(List.of("p_pass", "tests/z_last/", "p_skip"))
            .withSkipList(SkipList.read(skipList))
            .withRelease("7");

    TFunctionalResult result = run(sshd, config);

    Map<String, TestCaseResult> cases = byPath(result);
    assertThat(cases.keySet())
        .containsExactly(
            "tests/0_common/00_environment.sh",
            "tests/0_common/10_scratch_install.sh",
            "tests/p_pass/10_arithmetic.sh",
            "tests/p_pass/20_text.sh",
            "tests/p_skip/10_not_on_this_release.sh",
            "tests/z_last/10_last.sh");
    assertThat(cases.get("tests/p_pass/10_arithmetic.sh").status()).isEqualTo(TestStatus.PASSED);
    assertThat(cases.get("tests/p_pass/20_text.sh").status()).isEqualTo(TestStatus.SKIPPED);
    assertThat(cases.get("tests/p_pass/20_text.sh").message())
        .contains("https://bugs.example.invalid/2");
    assertThat(cases.get("tests/p_skip/10_not_on_this_release.sh").status())
        .isEqualTo(TestStatus.SKIPPED);
    assertThat(cases.get("tests/p_skip/10_not_on_this_release.sh").message())
        .startsWith("SKIP: not applicable on release");
    assertThat(result.passed()).isTrue();
    assertThat(result.summary())
        .extracting("tests", "failures", "errors", "skipped")
        .containsExactly(6, 0, 0, 2);

    ByteArrayOutputStream xml = new ByteArrayOutputStream();
    JUnitXmlWriter.write(result, xml);
    assertThat(xml.toString())
        .contains(
            "<testsuite name=\"t_functional\" tests=\"6\" failures=\"0\" errors=\"0\""
                + " skipped=\"2\"")
        .contains("<testcase classname=\"t_functional.p_pass\" name=\"10_arithmetic.sh\"");
    assertThat(dir.resolve("remote")).isEmptyDirectory();
  }

  @Test
  void shouldRunTheSuitesOwnRuntestsFromAGitClone() throws Exception {
    String url = SampleSuite.gitRepository(dir.resolve("repo"));
    TFunctionalConfig config =
        config(new SuiteSource.Git(url, "v1")).withTests(List.of("p_pass", "p_skip"));

    TFunctionalResult result = run(sshd, config);

    assertThat(result.passed()).as(result.runnerOutput()).isTrue();
    assertThat(result.runnerOutput()).contains("QA t_functional tests finished.");
    Map<String, TestStatus> statuses =
        byPath(result).values().stream()
            .collect(Collectors.toMap(TestCaseResult::path, TestCaseResult::status));
    assertThat(statuses)
        .containsEntry("tests/0_common/00_environment.sh", TestStatus.PASSED)
        .containsEntry("tests/p_pass/10_arithmetic.sh", TestStatus.PASSED)
        .containsEntry("tests/p_pass/20_text.sh", TestStatus.PASSED)
        .containsEntry("tests/p_skip/10_not_on_this_release.sh", TestStatus.SKIPPED)
        .hasSize(5);
  }

  @Test
  void shouldStopRuntestsAtTheFirstFailingFile() throws Exception {
    TFunctionalConfig config =
        config(new SuiteSource.Directory(SampleSuite.copyTo(dir.resolve("suite"))))
            .withBudget(Duration.ofSeconds(30));

    TFunctionalResult result = run(sshd, config);

    assertThat(result.passed()).isFalse();
    assertThat(result.problem()).contains("without printing 'QA t_functional tests finished.'");
    Map<String, TestCaseResult> cases = byPath(result);
    assertThat(cases.get("tests/0_common/10_scratch_install.sh").status())
        .isEqualTo(TestStatus.PASSED);
    assertThat(cases.get("tests/p_fail/10_fails.sh").status()).isEqualTo(TestStatus.FAILED);
    assertThat(cases.get("tests/p_fail/10_fails.sh").output()).contains("expected 42, got 41");
    assertThat(cases.get("tests/p_fail/20_after_failure.sh").message())
        .isEqualTo("not run: runtests.sh stops at the first failing file");
    assertThat(cases.get("tests/p_hang/10_hangs.sh").status()).isEqualTo(TestStatus.SKIPPED);
  }

  @Test
  void shouldReportADroppedConnectionAsAnErrorOfTheRunningFile(@TempDir Path ownSshd)
      throws Exception {
    Path pidFile = dir.resolve("hang.pid");
    try (LoopbackSshd doomed = LoopbackSshd.start(ownSshd)) {
      TFunctionalConfig config =
          config(new SuiteSource.Directory(SampleSuite.copyTo(dir.resolve("suite"))))
              .withMode(TFunctionalConfig.Mode.PER_FILE)
              .withTests(List.of("p_hang", "z_last"))
              .withBudget(Duration.ofSeconds(60))
              .withEnvironment(Map.of("HANG_PIDFILE", pidFile.toString()));
      LineListener killer =
          line -> {
            if (line.contains("Running ./tests/p_hang/10_hangs.sh")) {
              new Thread(doomed::kill).start();
            }
          };
      long start = System.nanoTime();
      TFunctionalResult result;
      try (RemoteShell shell = SshShell.connect(target(doomed))) {
        result = new TFunctionalRunner(shell, config, killer).run();
      }

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      assertThat(result.connectionLost()).isTrue();
      assertThat(result.passed()).isFalse();
      assertThat(result.problem())
          .contains("SSH connection to root@127.0.0.1:" + doomed.port() + " was lost")
          .contains("tests/p_hang/10_hangs.sh");
      Map<String, TestCaseResult> cases = byPath(result);
      assertThat(cases.get("tests/0_common/00_environment.sh").status())
          .isEqualTo(TestStatus.PASSED);
      assertThat(cases.get("tests/p_hang/10_hangs.sh").status()).isEqualTo(TestStatus.ERROR);
      assertThat(cases.get("tests/p_hang/10_hangs.sh").message()).contains("was lost");
      assertThat(cases.get("tests/z_last/10_last.sh").status()).isEqualTo(TestStatus.SKIPPED);
    } finally {
      if (Files.exists(pidFile)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Test
  void shouldKillTheRemoteTestsAndCleanUpWhenAborted() throws Exception {
    Path pidFile = dir.resolve("hang.pid");
    TFunctionalConfig config =
        config(new SuiteSource.Directory(SampleSuite.copyTo(dir.resolve("suite"))))
            .withMode(TFunctionalConfig.Mode.PER_FILE)
            .withTests(List.of("p_hang"))
            .withBudget(Duration.ofSeconds(60))
            .withEnvironment(Map.of("HANG_PIDFILE", pidFile.toString()));
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread build =
        new Thread(
            () -> {
              try {
                run(sshd, config);
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    build.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(200);
    build.interrupt();
    build.join(30_000);

    assertThat(build.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    long sleeper = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(dir.resolve("remote")).isEmptyDirectory();
  }

  @Test
  void shouldRefuseAHostWhoseKeyDoesNotMatch() throws Exception {
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(
        knownHosts,
        "[127.0.0.1]:"
            + sshd.port()
            + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
    SshTarget wrong =
        SshTarget.withKey(sshd.host(), sshd.port(), sshd.user(), sshd.clientKey(), knownHosts);

    assertThatThrownBy(() -> SshShell.connect(wrong))
        .isInstanceOf(RemoteShellException.class)
        .hasMessageContaining("does not match the one pinned in " + knownHosts);
  }

  @Test
  void shouldConnectWithAKeyAndAPinnedHostKeyHeldInMemory() throws Exception {
    byte[] key = Files.readAllBytes(sshd.clientKey());
    String hostKey = Files.readString(sshd.clientKey().resolveSibling("host_ed25519.pub"));
    List<String> lines = new java.util.ArrayList<>();
    Path folder;
    try (InMemorySshKeys keys =
            InMemorySshKeys.of(sshd.host(), sshd.port(), sshd.user(), key, List.of(hostKey));
        RemoteShell shell = SshShell.connect(keys.target())) {
      folder = keys.target().identity().getParent();
      assertThat(shell.run("echo in-memory $((40+2))", Duration.ofSeconds(30), lines::add))
          .isEqualTo(new RemoteShell.Result(0, "in-memory 42\n", false));
    }
    assertThat(lines).containsExactly("in-memory 42");
    assertThat(folder).doesNotExist();

    try (InMemorySshKeys wrong =
        InMemorySshKeys.of(
            sshd.host(),
            sshd.port(),
            sshd.user(),
            key,
            List.of(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"))) {
      assertThatThrownBy(() -> SshShell.connect(wrong.target()))
          .hasMessageContaining("does not match");
    }
  }

  @Test
  void shouldRejectATestDirectoryTheSuiteDoesNotHave() throws Exception {
    TFunctionalConfig config =
        config(new SuiteSource.Directory(SampleSuite.copyTo(dir.resolve("suite"))))
            .withTests(List.of("p_nope"));

    assertThatThrownBy(() -> run(sshd, config))
        .isInstanceOf(TFunctionalException.class)
        .hasMessageContaining("no test directory tests/p_nope")
        .hasMessageContaining("p_pass");
    assertThat(dir.resolve("remote")).isEmptyDirectory();
  }

  private TFunctionalConfig config(SuiteSource source) throws Exception {
    Path remote = Files.createDirectories(dir.resolve("remote"));
    return TFunctionalConfig.of(source).withRemoteBase(remote.toString());
  }

  private TFunctionalResult run(LoopbackSshd server, TFunctionalConfig config) throws Exception {
    try (RemoteShell shell = SshShell.connect(target(server))) {
      return new TFunctionalRunner(
              shell,
              config,
              line -> {
                live.add(line);
                System.out.println(java.time.LocalTime.now() + " " + line);
              })
          .run();
    }
  }

  private static SshTarget target(LoopbackSshd server) {
    return SshTarget.withKey(
        server.host(), server.port(), server.user(), server.clientKey(), server.knownHosts());
  }

  private static Map<String, TestCaseResult> byPath(TFunctionalResult result) {
    return result.cases().stream()
        .collect(
            Collectors.toMap(
                TestCaseResult::path,
                Function.identity(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }
}
