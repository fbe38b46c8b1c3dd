package io.jenkins.plugins.cloudimages.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The last stage: after tests passed on every cloud, appends a release record to the image's
 * metadata file and pushes a commit {@code RELEASEABLE <image> <sha12>}. Safe to repeat (a record
 * already there is success) and to race: a push that loses to another one is re-applied on the new
 * tip, a bounded number of times with jittered backoff, never forced.
 */
public final class ReleaseMarker {
  /** The prefix of a release commit's subject; such commits never trigger a build. */
  public static final String RELEASEABLE = "RELEASEABLE ";

  /** Where a commit that could not land is kept in the local repository. */
  public static final String SAVED_BRANCH_PREFIX = "cloudimg/unreleased/";

  private final GitRepository repository;

  /** Enough for dozens of simultaneous releases on one branch (see README, "Releasing images"). */
  public static final int DEFAULT_ATTEMPTS = 30;

  private int maxAttempts = DEFAULT_ATTEMPTS;
  private Duration backoffBase = Duration.ofMillis(200);
  private Duration backoffCap = Duration.ofSeconds(8);
  private Clock clock = Clock.systemUTC();
  private Consumer<String> log = line -> {};

  public ReleaseMarker(GitRepository repository) {
    this.repository = repository;
  }

  public ReleaseMarker maxAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    this.maxAttempts = attempts;
    return this;
  }

  public ReleaseMarker backoff(Duration base, Duration cap) {
    this.backoffBase = base;
    this.backoffCap = cap;
    return this;
  }

  public ReleaseMarker clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Progress lines (for stderr or a build log). */
  public ReleaseMarker log(Consumer<String> log) {
    this.log = log;
    return this;
  }

  /**
   * Releases, or says why not. Git failures other than a lost race throw.
   *
   * @param branch the remote branch (already resolved)
   */
  public ReleaseOutcome release(ReleaseRequest request, String branch) throws GitException {
    Optional<String> refusal = checkTests(request);
    if (refusal.isPresent()) {
      return ReleaseOutcome.refused(refusal.get());
    }
    GitIdentity author = request.author();
    if (author == null) {
      author =
          repository
              .configuredIdentity()
              .orElseThrow(
                  () ->
                      new GitException(
                          "no git identity: give --author \"Name <email>\" or set git config"
                              + " user.name and user.email"));
    }
    ReleaseRecord record = null;
    String lastCommit = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      String tip = repository.fetch(branch);
      Optional<byte[]> content = repository.readFile(tip, request.metadataPath());
      if (content.isEmpty()) {
        String reason = "metadata file " + request.metadataPath() + " is not on branch " + branch;
        return record == null
            ? ReleaseOutcome.refused(reason)
            : failed(reason + " any more (it was removed meanwhile)", record, lastCommit, attempt);
      }
      MetadataEditor editor;
      try {
        editor = new MetadataEditor(new String(content.get(), StandardCharsets.UTF_8));
      } catch (MetadataException e) {
        String reason = request.metadataPath() + " at " + abbreviate(tip) + ": " + e.getMessage();
        return record == null
            ? ReleaseOutcome.refused(reason)
            : failed(reason, record, lastCommit, attempt);
      }
      Optional<JsonNode> existing = findRelease(editor, request.image());
      if (existing.isPresent()) {
        return alreadyThere(request, existing.get(), tip, branch, author, attempt);
      }
      if (record == null) {
        record = newRecord(request, tip);
      }
      String edited;
      try {
        edited = editor.append(record.toJson());
      } catch (MetadataException e) {
        return failed(e.getMessage(), record, lastCommit, attempt);
      }
      lastCommit =
          repository.commitFile(
              tip,
              request.metadataPath(),
              edited.getBytes(StandardCharsets.UTF_8),
              record.commitMessage(),
              author);
      if (repository.push(lastCommit, branch) == GitRepository.PushResult.PUSHED) {
        log.accept("release commit " + abbreviate(lastCommit) + " landed on " + branch);
        String tag = request.tag() ? tag(request, lastCommit, record.subject(), author) : null;
        return new ReleaseOutcome(
            ReleaseOutcome.Status.LANDED, "", lastCommit, attempt, record.toJson(), tag, null);
      }
      log.accept(
          "push of "
              + abbreviate(lastCommit)
              + " rejected: "
              + branch
              + " moved meanwhile (attempt "
              + attempt
              + "/"
              + maxAttempts
              + "); re-applying on the new tip");
      if (attempt < maxAttempts) {
        sleep(attempt);
      }
    }
    return failed(
        "the push was rejected "
            + maxAttempts
            + " times: "
            + branch
            + " kept moving (other releases won every race)",
        record,
        lastCommit,
        maxAttempts);
  }

  private Optional<String> checkTests(ReleaseRequest request) {
    if (request.reports().isEmpty()) {
      return Optional.of("no test report given: a release needs the passing t_functional report");
    }
    for (JUnitReport report : request.reports()) {
      if (!report.passed()) {
        return Optional.of("tests did not pass: " + report.file() + ": " + report.verdict());
      }
      Optional<String> tested = report.testedSha256();
      if (tested.isPresent() && !tested.get().strip().equalsIgnoreCase(request.sha256())) {
        return Optional.of(
            "the image's sha256 "
                + request.sha256()
                + " differs from the one tested, "
                + tested.get().strip()
                + " ("
                + report.file()
                + ", property "
                + JUnitReport.SHA256_PROPERTY
                + ")");
      }
    }
    return missingCloud(request);
  }

  /**
   * A cloud named for the record but not tested: no report says it ran there (property {@value
   * JUnitReport#CLOUD_PROPERTY}), or, when reports do not say, there are fewer reports than clouds.
   */
  private static Optional<String> missingCloud(ReleaseRequest request) {
    List<String> tested = new ArrayList<>();
    request.reports().forEach(report -> report.cloud().ifPresent(tested::add));
    for (String cloud : request.clouds()) {
      if (!tested.isEmpty() && !tested.contains(cloud)) {
        return Optional.of(
            "no test report for cloud " + cloud + " (the reports name " + tested + ")");
      }
    }
    if (tested.isEmpty() && request.reports().size() < request.clouds().size()) {
      return Optional.of(
          request.clouds().size()
              + " clouds named but only "
              + request.reports().size()
              + " test report(s): every cloud needs its passing report");
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> findRelease(MetadataEditor editor, String image) {
    return editor.releases().stream()
        .filter(entry -> image.equals(entry.path("image").asText(null)))
        .findFirst();
  }

  private ReleaseOutcome alreadyThere(
      ReleaseRequest request,
      JsonNode existing,
      String tip,
      String branch,
      GitIdentity author,
      int attempt)
      throws GitException {
    String recorded = existing.path("sha256").asText("");
    if (!recorded.equalsIgnoreCase(request.sha256())) {
      return ReleaseOutcome.refused(
          request.image()
              + " is already released with sha256 "
              + recorded
              + " in "
              + request.metadataPath()
              + "; refusing to record a different digest "
              + request.sha256());
    }
    String subject = RELEASEABLE + request.image() + " " + request.sha256().substring(0, 12);
    String commit = repository.commitWithSubject(tip, subject).orElse(null);
    log.accept(request.image() + " is already released on " + branch);
    String tag = null;
    if (request.tag() && commit != null) {
      tag = tag(request, commit, subject, author);
    }
    return new ReleaseOutcome(
        ReleaseOutcome.Status.ALREADY_RELEASED,
        "already released",
        commit,
        attempt,
        (ObjectNode) existing,
        tag,
        null);
  }

  private ReleaseRecord newRecord(ReleaseRequest request, String tip) throws GitException {
    TestSummary total = TestSummary.EMPTY;
    for (JUnitReport report : request.reports()) {
      total = total.plus(report.summary());
    }
    String kickstartCommit = request.kickstartCommit();
    if (kickstartCommit == null) {
      kickstartCommit = repository.lastCommitTouching(tip, request.kickstartPath()).orElse(tip);
    }
    return new ReleaseRecord(
        request.image(),
        request.sha256(),
        request.url(),
        kickstartCommit,
        request.build() == null ? "" : request.build(),
        clouds(request),
        total,
        clock.instant(),
        request.comment());
  }

  /** The clouds named, else those the reports say they ran on, else the reports' file names. */
  private static List<String> clouds(ReleaseRequest request) {
    if (!request.clouds().isEmpty()) {
      return request.clouds();
    }
    List<String> clouds = new ArrayList<>();
    for (JUnitReport report : request.reports()) {
      String name =
          report
              .cloud()
              .orElseGet(
                  () -> {
                    Path fileName = report.file().getFileName();
                    return fileName == null
                        ? "unknown"
                        : fileName.toString().replaceFirst("\\.xml$", "");
                  });
      if (!clouds.contains(name)) {
        clouds.add(name);
      }
    }
    return clouds;
  }

  /** Tags the release commit {@code <image>}; a tag already there on that commit is fine. */
  private String tag(ReleaseRequest request, String commit, String subject, GitIdentity tagger)
      throws GitException {
    String name = request.image();
    Optional<String> remote = repository.remoteTag(name);
    if (remote.isPresent()) {
      log.accept("tag " + name + " is already on the remote");
      return name;
    }
    repository.tag(name, commit, subject + "\n", tagger);
    repository.pushTag(name);
    log.accept("tagged " + abbreviate(commit) + " as " + name);
    return name;
  }

  /** Keeps what could not land: the commit on a local branch, the record in the outcome. */
  private ReleaseOutcome failed(String reason, ReleaseRecord record, String commit, int attempts)
      throws GitException {
    String saved = null;
    if (commit != null) {
      saved = SAVED_BRANCH_PREFIX + record.image();
      repository.createBranch(saved, commit);
    }
    return new ReleaseOutcome(
        ReleaseOutcome.Status.FAILED, reason, commit, attempts, record.toJson(), null, saved);
  }

  /** Full jitter: a random pause up to an exponentially growing ceiling, so racers spread out. */
  private void sleep(int attempt) {
    long ceiling =
        Math.min(backoffCap.toMillis(), backoffBase.toMillis() * (1L << Math.min(attempt, 20)));
    long pause = ThreadLocalRandom.current().nextLong(backoffBase.toMillis(), ceiling + 1);
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String abbreviate(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
