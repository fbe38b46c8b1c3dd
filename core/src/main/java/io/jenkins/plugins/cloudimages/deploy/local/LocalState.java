package io.jenkins.plugins.cloudimages.deploy.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local driver's record of what it created: one folder per resource under the state folder,
 * holding {@code resource.json} and the resource's files (overlay disk, seeds, console, pid). The
 * record is written before anything is started, so {@code destroy} and the janitor of a later
 * process find whatever a crashed one left.
 */
final class LocalState {
  static final String RECORD = "resource.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One resource: its identity and, for instances, the QEMU process and forwarded port. */
  record Entry(
      CloudResource.Kind kind,
      String id,
      String name,
      Map<String, String> tags,
      String source,
      String format,
      long pid,
      int port) {
    CloudResource resource() {
      return new CloudResource(kind, id, name, tags);
    }

    Entry withTags(Map<String, String> newTags) {
      return new Entry(kind, id, name, newTags, source, format, pid, port);
    }

    Entry withProcess(long newPid, int newPort) {
      return new Entry(kind, id, name, tags, source, format, newPid, newPort);
    }
  }

  private final Path root;

  LocalState(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Path dir(String id) {
    if (!id.matches("(img|vm)-[0-9a-f]+")) {
      throw new IllegalArgumentException("not a local resource id: " + id);
    }
    return root.resolve(id);
  }

  synchronized void write(Entry entry) throws IOException {
    Path dir = Files.createDirectories(dir(entry.id()));
    Path tmp = dir.resolve(RECORD + ".tmp");
    JSON.writeValue(tmp.toFile(), entry);
    Files.move(tmp, dir.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The record of {@code id}; a CloudException with status 404 when there is none. */
  Entry read(String id) throws CloudException {
    Path file = dir(id).resolve(RECORD);
    if (!Files.isRegularFile(file)) {
      throw new CloudException("no local resource " + id + " in " + root, 404, null);
    }
    try {
      return JSON.readValue(file.toFile(), Entry.class);
    } catch (IOException e) {
      throw new CloudException("cannot read " + file + ": " + e.getMessage(), 0, e);
    }
  }

  List<Entry> all() throws CloudException {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return entries;
    }
    try (var dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        String id = dir.getFileName().toString();
        if (id.matches("(img|vm)-[0-9a-f]+") && Files.isRegularFile(dir.resolve(RECORD))) {
          try {
            entries.add(read(id));
          } catch (CloudException e) {
            if (!e.isNotFound()) {
              throw e;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new CloudException("cannot list " + root + ": " + e.getMessage(), 0, e);
    }
    return entries;
  }

  void remove(String id) throws IOException {
    Path dir = dir(id);
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
