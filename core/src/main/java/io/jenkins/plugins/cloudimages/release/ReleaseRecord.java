package io.jenkins.plugins.cloudimages.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One entry of a metadata file's {@code releases} list (conventions.md, "Release record"). The JSON
 * keys, in this order: image, sha256, url, kickstart_commit, build, clouds, t_functional {tests,
 * failures, skipped, duration (seconds)}, time (UTC, ISO 8601), comment.
 */
public record ReleaseRecord(
    String image,
    String sha256,
    String url,
    String kickstartCommit,
    String build,
    List<String> clouds,
    TestSummary tests,
    Instant time,
    String comment) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public ReleaseRecord {
    clouds = List.copyOf(clouds);
    time = time.truncatedTo(ChronoUnit.SECONDS);
  }

  public ObjectNode toJson() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("image", image);
    node.put("sha256", sha256);
    node.put("url", url);
    node.put("kickstart_commit", kickstartCommit);
    node.put("build", build);
    clouds.forEach(node.putArray("clouds")::add);
    ObjectNode summary = node.putObject("tfunctional");
    summary.put("tests", tests.tests());
    summary.put("failures", tests.failures() + tests.errors());
    summary.put("skipped", tests.skipped());
    summary.put("duration", Math.round(tests.seconds() * 10) / 10.0);
    node.put("time", time.toString());
    node.put("comment", comment == null ? "" : comment);
    return node;
  }

  /** First line of the release commit: {@code RELEASEABLE <image> <sha256 first 12>}. */
  public String subject() {
    return ReleaseMarker.RELEASEABLE + image + " " + sha256.substring(0, 12);
  }

  /** The release commit's message: the subject, then clouds and test summary. */
  public String commitMessage() {
    StringBuilder message = new StringBuilder(subject()).append("\n\n");
    message.append("Image: ").append(image).append('\n');
    message.append("sha256: ").append(sha256).append('\n');
    message.append("URL: ").append(url).append('\n');
    message.append("Clouds tested: ").append(String.join(", ", clouds)).append('\n');
    message.append("t_functional: ").append(tests.describe()).append('\n');
    message.append("Kickstart commit: ").append(kickstartCommit).append('\n');
    if (build != null && !build.isBlank()) {
      message.append("Build: ").append(build).append('\n');
    }
    if (comment != null && !comment.isBlank()) {
      message.append('\n').append(comment.strip()).append('\n');
    }
    return message.toString();
  }
}
