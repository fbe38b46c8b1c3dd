package io.jenkins.plugins.cloudimages.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** build-info.json: everything needed to tell how an image was made and to reproduce it. */
final class BuildInfo {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final ObjectNode root = MAPPER.createObjectNode();

  BuildInfo(
      String name,
      String backend,
      ImageIdentity identity,
      InputDigest digest,
      BuildRequest request,
      BuildProvenance provenance) {
    root.put("name", name);
    root.put("backend", backend);
    root.put("release", identity.release());
    root.put("arch", identity.arch());
    root.put("variant", identity.variant());
    root.put("inputDigest", digest.value());
    ObjectNode kickstart = root.putObject("kickstart");
    kickstart.put("file", request.kickstart().file().toString());
    kickstart.put("syntax", request.kickstart().syntax().name());
    kickstart.put("flattenedSha256", digest.kickstartSha256());
    ArrayNode includes = kickstart.putArray("includes");
    request.kickstart().includes().forEach(p -> includes.add(p.toString()));
    if (provenance.gitCommit().isPresent()) {
      kickstart.put("gitCommit", provenance.gitCommit().get());
      kickstart.put("gitDirty", provenance.gitDirty());
    } else {
      kickstart.putNull("gitCommit");
    }
    root.put("metadataSha256", digest.metadataSha256());
    ObjectNode host = root.putObject("buildHost");
    host.put("name", provenance.hostName());
    host.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    host.put("arch", System.getProperty("os.arch"));
    ObjectNode tools = root.putObject("toolVersions");
    provenance.toolVersions().forEach(tools::put);
  }

  ObjectNode node() {
    return root;
  }

  void repositories(List<RepositoryRevision> revisions) {
    ArrayNode list = root.putArray("repositories");
    for (RepositoryRevision r : revisions) {
      ObjectNode node = list.addObject();
      node.put("id", r.id());
      node.put("baseUrl", r.baseUrl());
      node.put("revision", r.revision());
      node.put("repomdSha256", r.repomdSha256());
    }
  }

  void outcomes(List<CommandOutcome> outcomes, List<String> notRun) {
    ArrayNode list = root.putArray("commands");
    for (CommandOutcome o : outcomes) {
      ObjectNode node = list.addObject();
      node.put("command", o.command().name());
      node.put("location", o.command().location().toString());
      node.put("disposition", o.disposition().name().toLowerCase(java.util.Locale.ROOT));
      node.put("detail", o.detail());
    }
    ArrayNode sections = root.putArray("sectionsNotRun");
    notRun.forEach(sections::add);
  }

  void timings(
      List<BuildLog.StageTime> stages, List<ToolRunner.CommandTime> commands, Duration total) {
    ArrayNode list = root.putArray("stages");
    for (BuildLog.StageTime s : stages) {
      ObjectNode node = list.addObject();
      node.put("name", s.name());
      node.put("start", s.start().toString());
      node.put("durationSeconds", s.duration().toMillis() / 1000.0);
    }
    ArrayNode tools = root.putArray("externalCommands");
    for (ToolRunner.CommandTime c : commands) {
      ObjectNode node = tools.addObject();
      node.put("command", c.command());
      node.put("durationSeconds", c.duration().toMillis() / 1000.0);
      node.put("exitCode", c.exitCode());
    }
    root.put("totalSeconds", total.toMillis() / 1000.0);
  }

  void images(List<Path> images, Map<String, String> digests) {
    ArrayNode list = root.putArray("images");
    for (Path image : images) {
      String file = image.getFileName().toString();
      ObjectNode node = list.addObject();
      node.put("file", file);
      node.put("format", formatOf(file));
      node.put("sha256", digests.getOrDefault(file, ""));
    }
  }

  void write(Path file) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".partial");
    MAPPER.writeValue(temp.toFile(), root);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String formatOf(String file) {
    for (ImageFormat format : ImageFormat.values()) {
      for (Compression c : Compression.values()) {
        if (file.endsWith("." + format.extension() + c.suffix())) {
          return format.extension();
        }
      }
    }
    return "";
  }
}
