package io.jenkins.plugins.cloudimages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.DeployTimeouts;
import io.jenkins.plugins.cloudimages.deploy.Deployer;
import io.jenkins.plugins.cloudimages.deploy.Deployment;
import io.jenkins.plugins.cloudimages.deploy.DeploymentException;
import io.jenkins.plugins.cloudimages.deploy.HostKeyMode;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.KeptDeployments;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cloudimg deploy}: boots an image on a cloud, prints how to reach it, destroys it. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Boots an image on a cloud, waits until it answers (SSH with a pinned host key, or exec for"
          + " containers), prints the instance and destroys it unless --keep is given.",
      "Everything created is destroyed on failure, timeout, Ctrl-C and JVM exit."
    })
final class DeployCommand implements Callable<Integer> {
  @Mixin CloudOptions cloud;
  @Mixin ProgressOption progressOption;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "FILE|URL",
      description = "Image file or URL.")
  String image;

  @Option(
      names = "--keep",
      description = "Leave the instance running; end it with 'cloudimg destroy'.")
  boolean keep;

  @Option(
      names = "--user",
      defaultValue = "root",
      description = "Login user (default: ${DEFAULT-VALUE}).")
  String user;

  @Option(
      names = "--host-key",
      defaultValue = "inject",
      paramLabel = "inject|console",
      description = "Pin a host key injected through user data, or read it from the console.")
  String hostKey;

  @Option(names = "--upload-timeout", paramLabel = "DURATION", description = "Default 30m.")
  String uploadTimeout;

  @Option(names = "--boot-timeout", paramLabel = "DURATION", description = "Default 5m.")
  String bootTimeout;

  @Option(names = "--reachable-timeout", paramLabel = "DURATION", description = "Default 5m.")
  String reachableTimeout;

  @Option(names = "--build", paramLabel = "ID", description = "Build id written on every resource.")
  String build;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json")
  String format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ImageSource source = imageSource();
    HostKeyMode mode;
    try {
      mode = HostKeyMode.valueOf(hostKey.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--host-key must be inject or console");
    }
    DeployTimeouts d = DeployTimeouts.defaults();
    DeployTimeouts timeouts =
        new DeployTimeouts(
            uploadTimeout == null ? d.upload() : CloudOptions.duration(uploadTimeout),
            bootTimeout == null ? d.boot() : CloudOptions.duration(bootTimeout),
            reachableTimeout == null ? d.reachable() : CloudOptions.duration(reachableTimeout),
            d.delete());
    CloudDriver driver;
    var settings = cloud.settings();
    driver = cloud.driver();
    String owner = "cli@" + InetAddress.getLocalHost().getHostName();
    String buildId = build != null ? build : "cli-" + System.currentTimeMillis();
    // While deploying, each line starts a phase shown with its elapsed time; then plain lines.
    StderrProgress progress =
        progressOption.on(new PrintWriter(System.err, true), "cloudimg deploy");
    AtomicBoolean deploying = new AtomicBoolean(true);
    Deployer deployer =
        new Deployer(
            driver,
            new BuildIdentity(owner, buildId),
            KeptDeployments.defaultWorkRoot(),
            Clock.systemUTC(),
            line -> {
              if (deploying.get()) {
                progress.waiting(line);
              } else {
                progress.log(line);
              }
            });
    Deployer.Options options =
        Deployer.Options.defaults()
            .withLoginUser(user)
            .withHostKeyMode(mode)
            .withTimeouts(timeouts)
            .withPlacement(settings.flavor(), settings.network(), false);
    Deployment deployment;
    StderrProgress.Ticker ticker = progress.ticking();
    try {
      deployment = deployer.deploy(source, options);
    } catch (DeploymentException e) {
      progress.log("cloudimg deploy: " + e.getMessage());
      if (e.diagnostics() != null) {
        progress.log("cloudimg deploy: serial console kept in " + e.diagnostics());
      }
      return Cloudimg.FAILED;
    } finally {
      deploying.set(false);
      ticker.stop();
    }
    try {
      Map<String, Object> described = deployment.describe();
      described.put("kept", keep);
      print(described);
    } finally {
      if (keep) {
        deployment.detach();
        System.err.println(
            "kept; end it with: cloudimg destroy --cloud " + cloud.cloud + " " + deployment.id());
      } else {
        deployment.close();
      }
    }
    return Cloudimg.OK;
  }

  private ImageSource imageSource() throws CloudException {
    String name = image.replaceFirst(".*/", "");
    String format = formatOf(name);
    if (image.startsWith("http://") || image.startsWith("https://")) {
      return new ImageSource(name, null, URI.create(image), format, null);
    }
    Path file = Path.of(image);
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "image file " + file + " does not exist");
    }
    return new ImageSource(name, file, null, format, null);
  }

  static String formatOf(String name) {
    for (String ext : new String[] {"tar.xz", "tar.gz", "tar", "qcow2", "raw", "vmdk", "vhdx"}) {
      if (name.endsWith("." + ext)) {
        return ext;
      }
    }
    return null;
  }

  private void print(Map<String, Object> described) throws Exception {
    if ("json".equals(format)) {
      System.out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(described));
    } else {
      described.forEach((k, v) -> System.out.println(k + ": " + v));
    }
  }
}
