package io.jenkins.plugins.cloudimages.pipeline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartParser;
import io.jenkins.plugins.cloudimages.kickstart.KickstartSection;
import io.jenkins.plugins.cloudimages.kickstart.MetadataFiles;
import io.jenkins.plugins.cloudimages.kickstart.PackageSelection;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxSelection;
import io.jenkins.plugins.cloudimages.publish.EmbeddedImageHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code cloudimg demo}: the whole pipeline on one machine, on embedded defaults. It sets up a
 * kickstart repository with the post-receive hook, a package mirror standing in for
 * mirror.centos.org, an image host (embedded SFTP, also served over HTTP) and the local QEMU cloud;
 * pushes a change of the demo kickstart; and waits for the pipeline the hook started to build,
 * publish, boot, test and release the image. Everything lives in the home folder, so a second run
 * reuses the first one's repository, and the cache keeps the mirror.
 */
public final class Demo {
  /** Marks the {@code %post} section the demo rewrites on each run. */
  static final String CHANGE_MARKER = "# cloudimg demo change";

  /**
   * @param home where the demo keeps its repository, image host, logs and results
   * @param kickstarts the project's kickstarts folder (copied into the repository on first run)
   * @param image the image the demo changes, e.g. CentOS-9-x86_64-GenericCloud
   * @param runCommand the executable the hook starts as {@code <runCommand> run ...}
   * @param cache the cache folder kept between runs (the mirror lives in its demo/ folder)
   * @param timeout how long to wait for the pipeline
   */
  public record Options(
      Path home, Path kickstarts, String image, Path runCommand, Path cache, Duration timeout) {}

  /** What the demo made: the repository and the run's summary (see {@code cloudimg run}). */
  public record Result(Path repository, Path home, Path runLog, JsonNode summary) {
    public boolean passed() {
      return summary.path("passed").asBoolean(false);
    }
  }

  private final Options options;
  private final Consumer<String> progress;
  private final boolean root;

  public Demo(Options options, boolean root, Consumer<String> progress) {
    this.options = options;
    this.root = root;
    this.progress = progress;
  }

  public Result run() throws IOException, InterruptedException {
    Path home = Files.createDirectories(options.home().toAbsolutePath());
    if (home.toString().matches(".*\\s.*")) {
      throw new IOException("the demo folder may not contain white space: " + home);
    }
    Path kickstart = options.kickstarts().resolve(options.image() + ".ks");
    if (!Files.isRegularFile(kickstart)) {
      throw new IOException("no kickstart " + kickstart + " (run the demo from the checkout)");
    }
    step(1, "OS tools");
    DemoTools.ofHost().ensure(root, progress);

    step(2, "package mirror (stands in for mirror.centos.org; built once, then cached)");
    Kickstart parsed = parse(kickstart);
    Path mirror =
        new DemoMirror(options.cache().resolve("demo"), AptSources.debianMirror(), progress::accept)
            .build(packageNames(parsed), groups(parsed));

    step(3, "kickstart repository with the post-receive hook");
    DemoRepository repository = new DemoRepository(home, progress);
    repository.ensure(options.kickstarts());

    step(4, "image host (embedded SFTP on 127.0.0.1, also served over HTTP)");
    try (EmbeddedImageHost host =
        EmbeddedImageHost.start(home.resolve("images"), home.resolve("image-host"))) {
      progress.accept(
          "  sftp://"
              + host.user()
              + "@127.0.0.1:"
              + host.sshPort()
              + "/  and  "
              + host.url("/")
              + "  (folder "
              + host.root()
              + ")");
      Path suite = DemoSuite.writeTo(home.resolve("suite"));
      int number = repository.nextChangeNumber();
      Path summary = home.resolve("runs").resolve("change-" + number + ".json");
      Path runLog = home.resolve("runs").resolve("change-" + number + ".log");
      Files.createDirectories(summary.getParent());
      Files.deleteIfExists(summary);
      Path config =
          new DemoConfig(home, mirror, kickstartUrls(parsed), host, suite)
              .write(home.resolve("pipeline.json"));
      repository.installHook(
          options.kickstarts().resolve("hooks/post-receive"),
          options.runCommand(),
          "--config " + config + " --summary " + summary + " --format json",
          runLog);

      step(5, "push a change of " + options.image() + ".ks (the hook starts the pipeline)");
      repository.pushChange(options.image() + ".ks", number, CHANGE_MARKER);

      step(6, "pipeline: validate, build, publish, boot on the local cloud, test, release");
      JsonNode result = await(summary, runLog);
      return new Result(repository.bare(), home, runLog, result);
    }
  }

  private void step(int number, String what) {
    progress.accept("[" + number + "/6] " + what);
  }

  private static Kickstart parse(Path kickstart) throws IOException {
    var metadata = MetadataFiles.read(MetadataFiles.besides(kickstart)).metadata().orElse(null);
    var syntax = SyntaxSelection.choose(null, metadata, kickstart).version();
    var result = new KickstartParser(syntax, kickstart.getParent()).parse(kickstart);
    if (result.kickstart() == null) {
      throw new IOException(kickstart + " does not parse: " + result.problems().get(0).format());
    }
    return result.kickstart();
  }

  private static Set<String> packageNames(Kickstart kickstart) {
    Set<String> names = new TreeSet<>();
    for (KickstartSection section : kickstart.sections("packages")) {
      names.addAll(PackageSelection.from(section).packages());
    }
    return names;
  }

  /** The groups asked for, and core, which the builder adds unless told not to. */
  private static Set<String> groups(Kickstart kickstart) {
    Set<String> groups = new TreeSet<>(Set.of("core"));
    for (KickstartSection section : kickstart.sections("packages")) {
      PackageSelection.from(section).groups().forEach(g -> groups.add(g.name()));
    }
    return groups;
  }

  private static Set<String> kickstartUrls(Kickstart kickstart) {
    Set<String> urls = new LinkedHashSet<>();
    kickstart.command("url").flatMap(c -> c.option("--url")).ifPresent(urls::add);
    kickstart.commands("repo").forEach(c -> c.option("--baseurl").ifPresent(urls::add));
    return urls;
  }

  /** Waits for the run's summary, showing the run's log as it grows. */
  private JsonNode await(Path summary, Path runLog) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(options.timeout());
    LogFollower log = new LogFollower(runLog, line -> progress.accept("  | " + line));
    while (!Files.exists(summary)) {
      if (Instant.now().isAfter(deadline)) {
        log.poll();
        throw new IOException(
            "the pipeline did not finish within " + options.timeout() + "; its log: " + runLog);
      }
      log.poll();
      Thread.sleep(1000);
    }
    log.poll();
    JsonNode result = new ObjectMapper().readTree(summary.toFile());
    if (result.has("error")) {
      throw new IOException("the pipeline could not run: " + result.get("error").asText());
    }
    return result;
  }

  /** The demo's result as {@code --format json} prints it. */
  public static ObjectNode json(Result result) {
    ObjectNode document = new ObjectMapper().createObjectNode();
    document.put("repository", result.repository().toString());
    var images = document.putArray("images");
    for (JsonNode image : result.summary().path("images")) {
      ObjectNode node = images.addObject();
      node.put("name", image.path("name").asText(null));
      node.put("sha256", image.path("sha256").asText(null));
      node.put("url", image.path("url").asText(null));
      JsonNode junit = image.path("junit");
      node.put("junit", junit.isArray() && junit.size() > 0 ? junit.get(0).asText() : null);
      node.put("release_commit", image.path("release_commit").asText(null));
      node.put("passed", image.path("passed").asBoolean(false));
    }
    document.put("passed", result.passed());
    document.put("run_log", result.runLog().toString());
    return document;
  }
}
