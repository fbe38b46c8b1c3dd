package io.jenkins.plugins.cloudimages.deploy;

import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that deploys on a cloud from a clouds file (a driver talking to a fake API in the
 * parent JVM) and exits or is killed by an injected fault, so that the shutdown hook and the
 * janitor are tested with the real drivers.
 */
public final class FakeApiChild {
  private FakeApiChild() {}

  /** Runs the child to its end; its output goes to {@code dir/child.log}. */
  public static void run(Path dir, Path clouds, String image, String format, Point point, Mode mode)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(FakeApiChild.class.getName());
    command.addAll(
        List.of(
            clouds.toString(),
            image,
            format,
            dir.resolve("work").toString(),
            point.name(),
            mode.name()));
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    if (!child.waitFor(90, TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
  }

  public static void main(String[] args) throws Exception {
    CloudSettings settings = CloudsFile.find(Path.of(args[0]), "fake");
    String image = args[1];
    ImageSource source =
        image.startsWith("http")
            ? new ImageSource("child", null, java.net.URI.create(image), args[2], null)
            : new ImageSource("child", Path.of(image), null, args[2], null);
    CloudDriver driver =
        new FaultInjectingDriver(
            new ExecGuest(DriverRegistry.create(settings, System.err::println), id -> true),
            Point.valueOf(args[4]),
            Mode.valueOf(args[5]),
            1,
            Thread.currentThread());
    Deployer deployer =
        new Deployer(
            driver,
            new BuildIdentity("child", "child#1"),
            Path.of(args[3]),
            Clock.systemUTC(),
            System.err::println);
    Deployer.Options options =
        Deployer.Options.defaults()
            .withHeartbeat(Duration.ofSeconds(1))
            .withTimeouts(
                new DeployTimeouts(
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30),
                    // the exiting call never returns, and the shutdown hook waits this long for it
                    Duration.ofSeconds(3)));
    try (Deployment deployment = deployer.deploy(source, options)) {
      System.err.println("deployed " + deployment.id() + "; the fault did not strike");
    }
  }
}
