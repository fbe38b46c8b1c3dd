package io.jenkins.plugins.cloudimages.release;

import static io.jenkins.plugins.cloudimages.testing.GitRepos.git;
import static io.jenkins.plugins.cloudimages.testing.GitRepos.show;
import static io.jenkins.plugins.cloudimages.testing.GitRepos.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.testing.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseMarkerTest {
  static final String METADATA = "images/CentOS-7-x86_64-GenericCloud.json";
  static final String SHA = "0123456789abcdef".repeat(4);
  static final String OTHER_SHA = "fedcba9876543210".repeat(4);
  static final GitIdentity RELEASER = new GitIdentity("Release Bot", "bot@example.org");
  static final String METADATA_TEXT =
      "{\n    \"distro\": \"centos\",\n    \"arch\": \"x86_64\"\n}\n";

  @TempDir Path dir;
  Path server;
  String kickstartCommit;

  @BeforeEach
  void createServer() {
    server = GitRepos.bare(dir.resolve("kickstarts.git"));
    kickstartCommit =
        GitRepos.commit(
            server,
            "Add CentOS 7 GenericCloud",
            Map.of(
                "images/CentOS-7-x86_64-GenericCloud.ks",
                "text\n",
                METADATA,
                METADATA_TEXT,
                "images/CentOS-7-i386-GenericCloud.json",
                "{\n  \"arch\": \"i386\"\n}\n"));
    GitRepos.commit(server, "Unrelated", Map.of("README", "hello\n"));
  }

  Path report(String name, String xml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, xml);
    return file;
  }

  Path passingReport(String cloud, String testedSha) throws IOException {
    String property =
        testedSha == null
            ? ""
            : "<properties><property name=\"cloudimg.image.sha256\" value=\""
                + testedSha
                + "\"/>"
                + "</properties>";
    return report(
        cloud + ".xml",
        "<testsuite name=\"t_functional\" tests=\"10\" failures=\"0\" errors=\"0\" skipped=\"1\""
            + " time=\"42.5\">"
            + property
            + "</testsuite>");
  }

  ReleaseRequest request(String image, String sha, String metadata, Path... reports)
      throws IOException {
    List<JUnitReport> parsed = new java.util.ArrayList<>();
    for (Path report : reports) {
      parsed.add(JUnitReport.read(report));
    }
    return new ReleaseRequest(
        image,
        sha,
        "https://images.example.org/7/images/" + image,
        metadata,
        null,
        parsed,
        List.of(),
        "first release",
        RELEASER,
        false,
        null,
        "https://jenkins.example.org/job/images/7/");
  }

  ReleaseOutcome release(ReleaseRequest request, GitRepository repository) throws GitException {
    return new ReleaseMarker(repository)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .clock(Clock.fixed(Instant.parse("2026-11-25T10:40:10.5Z"), ZoneOffset.UTC))
        .release(request, "main");
  }

  ReleaseOutcome release(ReleaseRequest request) throws GitException {
    try (CliGitRepository clone =
        CliGitRepository.cloneOf(
            server.toString(), Files.createTempDirectory(dir, "clone"), GitCredentials.none())) {
      return release(request, clone);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldAppendTheRecordAndPushAReleaseableCommit() throws Exception {
    ReleaseOutcome outcome =
        release(request("img-1.qcow2", SHA, METADATA, passingReport("local-qemu", SHA)));

    assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.LANDED);
    assertThat(subjects(server)).first().isEqualTo("RELEASEABLE img-1.qcow2 0123456789ab");
    assertThat(git(server, "log", "-1", "--format=%an <%ae>%n%b", "main"))
        .startsWith("Release Bot <bot@example.org>\n")
        .contains("Clouds tested: local-qemu\n")
        .contains("t_functional: 10 tests, 0 failures, 0 errors, 1 skipped in 42.5 s\n");
    String metadata = show(server, METADATA);
    assertThat(metadata)
        .startsWith(
            METADATA_TEXT.substring(0, METADATA_TEXT.length() - 3)
                + ",\n    \"releases\": [\n        {\n");
    JsonNode record = new ObjectMapper().readTree(metadata).get("releases").get(0);
    assertThat(record.get("image").asText()).isEqualTo("img-1.qcow2");
    assertThat(record.get("sha256").asText()).isEqualTo(SHA);
    assertThat(record.get("url").asText()).endsWith("/img-1.qcow2");
    assertThat(record.get("kickstart_commit").asText()).isEqualTo(kickstartCommit);
    assertThat(record.get("build").asText()).isEqualTo("https://jenkins.example.org/job/images/7/");
    assertThat(record.get("clouds").toString()).isEqualTo("[\"local-qemu\"]");
    assertThat(record.get("tfunctional").toString())
        .isEqualTo("{\"tests\":10,\"failures\":0,\"skipped\":1,\"duration\":42.5}");
    assertThat(record.get("time").asText()).isEqualTo("2026-11-25T10:40:10Z");
    assertThat(record.get("comment").asText()).isEqualTo("first release");
    assertThat(git(server, "diff", "--stat", "main~1", "main"))
        .contains(METADATA)
        .contains("1 file changed");
  }

  @Test
  void shouldMakeOneCommitWhenRunTwice() throws Exception {
    ReleaseRequest request =
        request("img-1.qcow2", SHA, METADATA, passingReport("local-qemu", SHA));

    ReleaseOutcome first = release(request);
    ReleaseOutcome second = release(request);

    assertThat(second.status()).isEqualTo(ReleaseOutcome.Status.ALREADY_RELEASED);
    assertThat(second.commit()).isEqualTo(first.commit());
    assertThat(subjects(server)).filteredOn(s -> s.startsWith("RELEASEABLE")).hasSize(1);
  }

  @Test
  void shouldRefuseWhenATestFailed() throws Exception {
    Path failing =
        report("docker.xml", "<testsuite tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"0\"/>");

    ReleaseOutcome outcome =
        release(request("img-1.qcow2", SHA, METADATA, passingReport("local-qemu", SHA), failing));

    assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.REFUSED);
    assertThat(outcome.reason())
        .contains("tests did not pass")
        .contains("docker.xml")
        .contains("1 failed");
    assertThat(subjects(server)).first().isEqualTo("Unrelated");
  }

  @Test
  void shouldRefuseAnImageOtherThanTheOneTested() throws Exception {
    ReleaseOutcome outcome =
        release(request("img-1.qcow2", SHA, METADATA, passingReport("local-qemu", OTHER_SHA)));

    assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.REFUSED);
    assertThat(outcome.reason()).contains("differs from the one tested").contains(OTHER_SHA);
    assertThat(subjects(server)).first().isEqualTo("Unrelated");
  }

  @Test
  void shouldRefuseADifferentDigestForAnImageAlreadyReleased() throws Exception {
    release(request("img-1.qcow2", SHA, METADATA, passingReport("local-qemu", null)));

    ReleaseOutcome outcome =
        release(request("img-1.qcow2", OTHER_SHA, METADATA, passingReport("local-qemu", null)));

    assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.REFUSED);
    assertThat(outcome.reason()).contains("already released with sha256 " + SHA);
  }

  @Test
  void shouldRefuseACloudNamedWithoutAReport() throws Exception {
    ReleaseRequest base = request("img-1.qcow2", SHA, METADATA, passingReport("qemu", SHA));
    ReleaseRequest twoClouds =
        new ReleaseRequest(
            base.image(),
            base.sha256(),
            base.url(),
            base.metadataPath(),
            null,
            base.reports(),
            List.of("qemu", "openstack"),
            null,
            RELEASER,
            false,
            null,
            null);

    ReleaseOutcome outcome = release(twoClouds);

    assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.REFUSED);
    assertThat(outcome.reason()).contains("2 clouds named but only 1 test report");
  }

  @Test
  void shouldRefuseAMissingMetadataFile() throws Exception {
    ReleaseOutcome outcome =
        release(request("img-1.qcow2", SHA, "images/nope.json", passingReport("local-qemu", SHA)));

    assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.REFUSED);
    assertThat(outcome.reason()).isEqualTo("metadata file images/nope.json is not on branch main");
  }

  @Test
  void shouldReapplyOnTheNewTipWhenAnotherReleaseWonTheRace() throws Exception {
    ReleaseRequest ours = request("img-64.qcow2", SHA, METADATA, passingReport("local-qemu", SHA));
    ReleaseRequest theirs =
        request("img-32.qcow2", OTHER_SHA, METADATA, passingReport("docker", OTHER_SHA));
    AtomicInteger pushes = new AtomicInteger();
    try (CliGitRepository clone =
        CliGitRepository.cloneOf(server.toString(), dir.resolve("ours"), GitCredentials.none())) {
      GitRepository racing =
          new ForwardingRepository(clone) {
            @Override
            public PushResult push(String commit, String branch) throws GitException {
              if (pushes.getAndIncrement() == 0) {
                assertThat(release(theirs).status()).isEqualTo(ReleaseOutcome.Status.LANDED);
              }
              return super.push(commit, branch);
            }
          };

      ReleaseOutcome outcome = release(ours, racing);

      assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.LANDED);
      assertThat(outcome.attempts()).isEqualTo(2);
    }
    assertThat(subjects(server).subList(0, 2))
        .containsExactly(
            "RELEASEABLE img-64.qcow2 0123456789ab", "RELEASEABLE img-32.qcow2 fedcba987654");
    JsonNode releases = new ObjectMapper().readTree(show(server, METADATA)).get("releases");
    assertThat(releases.findValuesAsText("image")).containsExactly("img-32.qcow2", "img-64.qcow2");
    GitRepos.assertOnlyFastForwards(server, "main");
  }

  @Test
  void shouldKeepTheCommitOnABranchWhenItCannotLand() throws Exception {
    try (CliGitRepository clone =
        CliGitRepository.cloneOf(server.toString(), dir.resolve("ours"), GitCredentials.none())) {
      GitRepository alwaysLosing =
          new ForwardingRepository(clone) {
            @Override
            public PushResult push(String commit, String branch) {
              return PushResult.REJECTED;
            }
          };

      ReleaseOutcome outcome =
          new ReleaseMarker(alwaysLosing)
              .maxAttempts(3)
              .backoff(Duration.ofMillis(1), Duration.ofMillis(2))
              .release(request("img-1.qcow2", SHA, METADATA, passingReport("qemu", SHA)), "main");

      assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.FAILED);
      assertThat(outcome.reason()).contains("rejected 3 times");
      assertThat(outcome.savedBranch()).isEqualTo("cloudimg/unreleased/img-1.qcow2");
      assertThat(outcome.record().get("sha256").asText()).isEqualTo(SHA);
      assertThat(git(clone.directory(), "show", "cloudimg/unreleased/img-1.qcow2:" + METADATA))
          .contains("\"img-1.qcow2\"");
    }
    assertThat(subjects(server)).first().isEqualTo("Unrelated");
  }

  @Test
  void shouldTagTheReleaseCommitWhenAsked() throws Exception {
    ReleaseRequest base =
        request(
            "img-1.qcow2", SHA, METADATA, passingReport("qemu", SHA), passingReport("docker", SHA));
    ReleaseRequest tagged =
        new ReleaseRequest(
            base.image(),
            base.sha256(),
            base.url(),
            base.metadataPath(),
            null,
            base.reports(),
            List.of("qemu", "docker"),
            null,
            RELEASER,
            true,
            "abc",
            null);

    ReleaseOutcome outcome = release(tagged);

    assertThat(outcome.tag()).isEqualTo("img-1.qcow2");
    assertThat(git(server, "rev-parse", "img-1.qcow2^{commit}").strip())
        .isEqualTo(outcome.commit());
    assertThat(outcome.record().get("clouds").toString()).isEqualTo("[\"qemu\",\"docker\"]");
  }

  @Test
  void shouldSignTheCommitAndTagWhenASigningKeyIsConfigured() throws Exception {
    io.jenkins.plugins.cloudimages.testing.RequiredTools.require("ssh-keygen");
    Path key = dir.resolve("signing_ed25519");
    Process keygen =
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(keygen.waitFor()).isZero();
    ReleaseRequest base = request("img-1.qcow2", SHA, METADATA, passingReport("qemu", SHA));
    ReleaseRequest tagged =
        new ReleaseRequest(
            base.image(),
            base.sha256(),
            base.url(),
            base.metadataPath(),
            null,
            base.reports(),
            base.clouds(),
            null,
            RELEASER,
            true,
            null,
            null);

    ReleaseOutcome outcome;
    try (CliGitRepository clone =
        CliGitRepository.cloneOf(server.toString(), dir.resolve("signed"), GitCredentials.none())) {
      clone.setConfig("gpg.format", "ssh");
      clone.setConfig("user.signingkey", key.toString());
      outcome = release(tagged, clone);
    }

    assertThat(git(server, "cat-file", "commit", outcome.commit()))
        .contains("gpgsig -----BEGIN SSH SIGNATURE-----");
    assertThat(git(server, "cat-file", "tag", "img-1.qcow2"))
        .contains("-----BEGIN SSH SIGNATURE-----");
  }

  @Test
  void shouldPushIntoACheckedOutBranchOfANonBareRepository() throws Exception {
    Path checkout = dir.resolve("checkout");
    git(dir, "clone", "--quiet", server.toString(), checkout.toString());

    ReleaseOutcome outcome;
    try (CliGitRepository clone =
        CliGitRepository.cloneOf(checkout.toString(), dir.resolve("c2"), GitCredentials.none())) {
      outcome = release(request("img-1.qcow2", SHA, METADATA, passingReport("qemu", SHA)), clone);
    }

    assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.LANDED);
    assertThat(Files.readString(checkout.resolve(METADATA))).contains("\"img-1.qcow2\"");
    assertThat(git(checkout, "status", "--porcelain")).isEmpty();
  }

  /** Delegates everything; tests override one operation to stage a race. */
  static class ForwardingRepository implements GitRepository {
    private final GitRepository delegate;

    ForwardingRepository(GitRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public String fetch(String branch) throws GitException {
      return delegate.fetch(branch);
    }

    @Override
    public PushResult push(String commit, String branch) throws GitException {
      return delegate.push(commit, branch);
    }

    @Override
    public void pushTag(String tag) throws GitException {
      delegate.pushTag(tag);
    }

    @Override
    public Optional<byte[]> readFile(String revision, String path) throws GitException {
      return delegate.readFile(revision, path);
    }

    @Override
    public List<String> listFiles(String revision) throws GitException {
      return delegate.listFiles(revision);
    }

    @Override
    public List<Commit> commits(String from, String to) throws GitException {
      return delegate.commits(from, to);
    }

    @Override
    public Optional<String> resolve(String revision) throws GitException {
      return delegate.resolve(revision);
    }

    @Override
    public Optional<String> lastCommitTouching(String revision, String path) throws GitException {
      return delegate.lastCommitTouching(revision, path);
    }

    @Override
    public Optional<String> commitWithSubject(String revision, String subject) throws GitException {
      return delegate.commitWithSubject(revision, subject);
    }

    @Override
    public Optional<GitIdentity> configuredIdentity() throws GitException {
      return delegate.configuredIdentity();
    }

    @Override
    public String commitFile(
        String parent, String path, byte[] content, String message, GitIdentity author)
        throws GitException {
      return delegate.commitFile(parent, path, content, message, author);
    }

    @Override
    public void createBranch(String name, String commit) throws GitException {
      delegate.createBranch(name, commit);
    }

    @Override
    public void tag(String name, String commit, String message, GitIdentity tagger)
        throws GitException {
      delegate.tag(name, commit, message, tagger);
    }

    @Override
    public Optional<String> remoteTag(String tag) throws GitException {
      return delegate.remoteTag(tag);
    }
  }
}
