package io.jenkins.plugins.cloudimages.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The end of a run: a table for a person, or one JSON document for a script. */
public record PipelineSummary(List<ImageOutcome> outcomes, Path runDirectory) {

  public void print(PrintWriter out, boolean json) {
    if (json) {
      out.println(toJson());
    } else {
      printTable(out);
    }
    out.flush();
  }

  String toJson() {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(json());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The summary as {@code --format json} prints it. */
  public ObjectNode json() {
    ObjectNode document = new ObjectMapper().createObjectNode();
    document.put("logs", runDirectory.toString());
    document.put("passed", outcomes.stream().allMatch(ImageOutcome::passed));
    ArrayNode images = document.putArray("images");
    for (ImageOutcome outcome : outcomes) {
      ObjectNode image = images.addObject();
      image.put("image", outcome.image().image());
      image.put("arch", outcome.image().arch());
      image.put("reason", outcome.image().reason());
      image.put("passed", outcome.passed());
      image.put("name", outcome.imageName());
      image.put("sha256", outcome.sha256());
      image.put("url", outcome.url());
      ArrayNode junit = image.putArray("junit");
      outcome.junit().forEach(file -> junit.add(file.toString()));
      image.put("release_commit", outcome.releaseCommit());
      ArrayNode stages = image.putArray("stages");
      for (StageResult stage : outcome.stages()) {
        ObjectNode node = stages.addObject();
        node.put("stage", stage.stage());
        node.put("status", stage.status().name().toLowerCase(Locale.ROOT));
        node.put("seconds", stage.duration().toMillis() / 1000.0);
        node.put("message", stage.message());
        node.put("log", stage.log() == null ? null : stage.log().toString());
      }
    }
    return document;
  }

  private void printTable(PrintWriter out) {
    if (outcomes.isEmpty()) {
      out.println("nothing to rebuild");
      return;
    }
    for (ImageOutcome outcome : outcomes) {
      out.printf(
          "%s %s: %s%n",
          outcome.image().image(),
          outcome.image().arch(),
          outcome.passed() ? "RELEASED " + outcome.releaseCommit() : "NOT RELEASED");
      for (StageResult stage : outcome.stages()) {
        out.printf(
            "  %-16s %-8s %7.1fs  %s%n",
            stage.stage(),
            stage.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            stage.duration().toMillis() / 1000.0,
            stage.message());
      }
    }
    out.println("logs: " + runDirectory);
  }
}
