package io.jenkins.plugins.cloudimages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.cloudimages.pipeline.demo.Demo;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cloudimg demo}: the whole pipeline on one machine, on embedded defaults (see {@link
 * Demo}).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Sets up, on this machine, a kickstart repository with the post-receive hook, a package"
          + " mirror standing in for mirror.centos.org, an image host and the local QEMU cloud;"
          + " pushes a change of the demo kickstart, and follows the pipeline the hook starts"
          + " until the image is built, published, booted, tested and released (a RELEASEABLE"
          + " commit).",
      "A second run reuses what the first made. Installs missing OS packages when run as root."
    })
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Where the demo keeps its repository, images and logs (default: ~/cloudimg-demo).")
  Path home = Path.of(System.getProperty("user.home"), "cloudimg-demo");

  @Option(
      names = "--kickstarts",
      paramLabel = "DIR",
      description = "The project's kickstarts folder (default: kickstarts).")
  Path kickstarts = Path.of("kickstarts");

  @Option(
      names = "--image",
      paramLabel = "NAME",
      description = "The image whose kickstart the demo changes (default: ${DEFAULT-VALUE}).")
  String image = "CentOS-9-x86_64-GenericCloud";

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long to wait for the pipeline (default: 45m).")
  Duration timeout = Duration.ofMinutes(45);

  @Option(names = "--format", paramLabel = "text|json", description = "Output format.")
  ReleaseCommand.OutputFormat format = ReleaseCommand.OutputFormat.text;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    Path home = this.home.toAbsolutePath();
    Path cache = Path.of(System.getenv().getOrDefault("CLOUDIMG_CACHE", "/var/cache/cloudimg"));
    Demo.Options options =
        new Demo.Options(
            home,
            kickstarts.toAbsolutePath(),
            image,
            launcher(home.resolve("bin/cloudimg")),
            cache,
            timeout);
    Demo.Result result;
    try {
      result =
          new Demo(
                  options,
                  isRoot(),
                  line -> {
                    err.println(line);
                    err.flush();
                  })
              .run();
    } catch (IOException e) {
      err.println("cloudimg demo: " + e.getMessage());
      return Cloudimg.FAILED;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (format == ReleaseCommand.OutputFormat.json) {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(Demo.json(result).put("seconds", Math.round(seconds))));
    } else {
      printWhereThingsAre(out, result, seconds);
    }
    out.flush();
    return result.passed() ? Cloudimg.OK : Cloudimg.FAILED;
  }

  private static void printWhereThingsAre(PrintWriter out, Demo.Result result, double seconds) {
    out.printf(
        "%s in %.0f s%n", result.passed() ? "Released" : "NOT released (see the log)", seconds);
    for (JsonNode image : result.summary().path("images")) {
      out.println("  image     " + image.path("name").asText() + "  " + image.path("url").asText());
      out.println("  sha256    " + image.path("sha256").asText());
      for (JsonNode junit : image.path("junit")) {
        out.println("  tests     " + junit.asText());
      }
      out.println("  release   " + image.path("release_commit").asText("none"));
      for (JsonNode stage : image.path("stages")) {
        out.printf(
            "  %-9s %-7s %5.0f s  %s%n",
            stage.path("stage").asText(),
            stage.path("status").asText(),
            stage.path("seconds").asDouble(),
            stage.path("log").asText(""));
      }
    }
    out.println("Look at it:");
    out.println("  git -C " + result.repository() + " log --oneline -3");
    out.println("  less " + result.runLog() + "          (the pipeline the hook started)");
    out.println("  ls " + result.home().resolve("images") + "   (the image host's files)");
  }

  /** A script that starts this very command line with this very Java, for the hook. */
  private static Path launcher(Path script) throws IOException, URISyntaxException {
    Path code =
        Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String classes =
        Files.isRegularFile(code)
            ? "-jar " + quoted(code.toString())
            : "-cp "
                + quoted(System.getProperty("java.class.path"))
                + " "
                + Cloudimg.class.getName();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.createDirectories(script.getParent());
    Files.writeString(
        script,
        "#!/bin/sh\n# Written by cloudimg demo: the command its post-receive hook runs.\nexec "
            + quoted(java.toString())
            + " -XX:+UseSerialGC "
            + classes
            + " \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
