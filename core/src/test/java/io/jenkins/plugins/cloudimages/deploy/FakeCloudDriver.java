package io.jenkins.plugins.cloudimages.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A FAKE cloud for tests and the fault-injection run: no real cloud API behind it. It is stateful
 * (images, instances and floating IPs exist until deleted; deleting a missing one answers 404,
 * booting a missing image answers 404) and keeps each resource as a small file in a folder, so that
 * a child JVM and its parent see the same cloud. Instances are "reached" through a fake exec that
 * answers while the instance exists.
 */
public final class FakeCloudDriver implements CloudDriver, ExecReachable {
  private final Path dir;

  public FakeCloudDriver(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    deadline.check();
    return create(CloudResource.Kind.IMAGE, image.name(), build.tags(Instant.now()));
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    deadline.check();
    read(image.id());
    List<CloudResource> created = new ArrayList<>();
    created.add(create(CloudResource.Kind.INSTANCE, spec.name(), spec.tags()));
    if (spec.floatingIp()) {
      created.add(create(CloudResource.Kind.FLOATING_IP, spec.name(), spec.tags()));
    }
    return created;
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    read(instance.id());
    return new InstanceAddress("192.0.2.10", 22);
  }

  @Override
  public String consoleOutput(CloudResource instance) throws CloudException {
    read(instance.id());
    return "fake console of " + instance.id() + "\n";
  }

  @Override
  public synchronized void delete(CloudResource resource, Deadline deadline) throws CloudException {
    try {
      Files.delete(file(resource.id()));
    } catch (NoSuchFileException e) {
      throw new CloudException(resource + " not found", 404, e);
    } catch (IOException e) {
      throw new CloudException("delete " + resource + ": " + e.getMessage(), 500, e);
    }
  }

  @Override
  public synchronized void heartbeat(CloudResource resource, Instant now) throws CloudException {
    CloudResource current = read(resource.id());
    Map<String, String> tags = new LinkedHashMap<>(current.tags());
    tags.put(BuildIdentity.TAG_HEARTBEAT, now.toString());
    write(new CloudResource(current.kind(), current.id(), current.name(), tags));
  }

  @Override
  public List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> all = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".res")).sorted().toList()) {
        try {
          all.add(read(file.getFileName().toString().replace(".res", "")));
        } catch (CloudException gone) {
          // deleted while listing
        }
      }
    } catch (IOException e) {
      throw new CloudException("list: " + e.getMessage(), 500, e);
    }
    return all;
  }

  @Override
  public RemoteShell shell(CloudResource instance) {
    return new StubShell(
        "fake instance " + instance.id(),
        command -> {
          if (!Files.exists(file(instance.id()))) {
            throw new IOException("instance " + instance.id() + " is gone");
          }
          return new RemoteShell.Result(0, "", false);
        });
  }

  /** How many resources exist: after a finished deployment, each one is a leak. */
  public int count() {
    try (var files = Files.list(dir)) {
      return (int) files.filter(f -> f.toString().endsWith(".res")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CloudResource create(CloudResource.Kind kind, String name, Map<String, String> tags)
      throws CloudException {
    String prefix = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    CloudResource resource = new CloudResource(kind, prefix + "-" + UUID.randomUUID(), name, tags);
    write(resource);
    return resource;
  }

  private Path file(String id) {
    return dir.resolve(id + ".res");
  }

  private void write(CloudResource resource) throws CloudException {
    Properties p = new Properties();
    p.setProperty("kind", resource.kind().name());
    p.setProperty("name", resource.name() == null ? "" : resource.name());
    resource.tags().forEach((k, v) -> p.setProperty("tag." + k, v));
    try {
      Path tmp = dir.resolve(resource.id() + ".tmp-" + UUID.randomUUID());
      try (Writer out = Files.newBufferedWriter(tmp)) {
        p.store(out, null);
      }
      Files.move(tmp, file(resource.id()), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CloudException("write " + resource + ": " + e.getMessage(), 500, e);
    }
  }

  private CloudResource read(String id) throws CloudException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file(id))) {
      p.load(in);
    } catch (NoSuchFileException e) {
      throw new CloudException(id + " not found", 404, e);
    } catch (IOException e) {
      throw new CloudException("read " + id + ": " + e.getMessage(), 500, e);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("tag.")) {
        tags.put(key.substring(4), p.getProperty(key));
      }
    }
    return new CloudResource(
        CloudResource.Kind.valueOf(p.getProperty("kind")), id, p.getProperty("name"), tags);
  }
}
