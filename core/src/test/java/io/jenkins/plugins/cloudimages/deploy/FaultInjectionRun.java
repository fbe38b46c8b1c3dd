package io.jenkins.plugins.cloudimages.deploy;

import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import io.jenkins.plugins.cloudimages.deploy.cloudstack.CloudStackFaultCloud;
import io.jenkins.plugins.cloudimages.deploy.ec2.Ec2FaultCloud;
import io.jenkins.plugins.cloudimages.deploy.opennebula.OpenNebulaFaultCloud;
import io.jenkins.plugins.cloudimages.deploy.openstack.OpenStackFaultCloud;
import io.jenkins.plugins.cloudimages.deploy.ovirt.OvirtFaultCloud;
import io.jenkins.plugins.cloudimages.deploy.vsphere.VsphereFaultCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fault-injection run: deploys on every driver, each against its own FAKE server (stateful,
 * written from the cloud's API reference; no real cloud), behind a {@link FaultInjectingDriver},
 * once per fault, and counts what each deployment left behind — resources the fake still holds and
 * private key files after the janitor's sweep, and what that sweep removed (what a killed JVM left,
 * or a delete that overran its whole budget and was handed to the janitor). Faults in this JVM:
 * every mode at every point (with and without a floating IP where the driver makes one), a failing
 * test after a successful deployment and an instance never reachable. Faults that end the JVM run
 * in a child process where a child runner exists: an orderly exit (the shutdown hook must clean up)
 * and a hard kill (which leaves resources for the janitor, whose sweep is counted too).
 *
 * <p>{@code bench/faults [rounds] [driver...]} runs it (all drivers when none is named); the test
 * suite runs single faults of it.
 */
public final class FaultInjectionRun {
  /** The generic fake's calls answer at once: short phases keep the run fast. */
  static final DeployTimeouts FAST =
      new DeployTimeouts(
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Duration.ofSeconds(2));

  /** The real drivers poll their fake over HTTP. */
  static final DeployTimeouts HTTP =
      new DeployTimeouts(
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofSeconds(1),
          Duration.ofSeconds(3));

  static final List<Mode> IN_PROCESS_MODES =
      List.of(
          Mode.FAIL_BEFORE,
          Mode.FAIL_AFTER,
          Mode.TIMEOUT,
          Mode.SLOW,
          Mode.NOT_FOUND,
          Mode.INTERRUPT);

  /** Points where a JVM exit or kill is injected in a child process. */
  static final List<Point> EXIT_POINTS =
      List.of(Point.UPLOAD, Point.BOOT, Point.ADDRESS, Point.REACHABLE);

  /** A cloud of the run: its name, how to start a fresh fake and its phase timeouts. */
  record Cloud(String name, FaultCloud.Factory factory, DeployTimeouts timeouts) {}

  static final Cloud GENERIC = new Cloud("generic", GenericFaultCloud::new, FAST);

  /** The generic fake and every real driver. */
  static final List<Cloud> CLOUDS =
      List.of(
          GENERIC,
          new Cloud("openstack", OpenStackFaultCloud::new, HTTP),
          new Cloud("ec2", Ec2FaultCloud::new, HTTP),
          new Cloud("cloudstack", CloudStackFaultCloud::new, HTTP),
          new Cloud("opennebula", OpenNebulaFaultCloud::new, HTTP),
          new Cloud("ovirt", OvirtFaultCloud::new, HTTP),
          new Cloud("vsphere", VsphereFaultCloud::new, HTTP));

  /** What one injected fault left. */
  record Outcome(String fault, boolean deployed, int leakedResources, int leakedKeys, int swept) {}

  private FaultInjectionRun() {}

  static Deployer.Options options(DeployTimeouts timeouts, boolean floatingIp) {
    return Deployer.Options.defaults()
        .withTimeouts(timeouts)
        .withHeartbeat(Duration.ofMillis(20))
        .withPlacement(null, null, floatingIp);
  }

  /** One deployment in this JVM with one fault; {@code times} calls at the point are hit. */
  static Outcome inProcess(
      Cloud cloud,
      Path dir,
      Point point,
      Mode mode,
      int times,
      boolean floatingIp,
      boolean testFails)
      throws Exception {
    Path faultDir = Files.createTempDirectory(dir, "fault-");
    Path work = faultDir.resolve("work");
    String fault =
        point
            + " "
            + mode
            + (times > 1 ? " x" + times : "")
            + (floatingIp ? " +fip" : "")
            + (testFails ? " +test-fails" : "");
    try (FaultCloud fake = cloud.factory().start(faultDir)) {
      ImageSource image = fake.image();
      AtomicBoolean deployed = new AtomicBoolean();
      List<String> log = Collections.synchronizedList(new ArrayList<>());
      Thread thread =
          new Thread(
              () -> {
                FaultInjectingDriver driver =
                    new FaultInjectingDriver(
                        fake.driver(), point, mode, times, Thread.currentThread());
                Deployer deployer =
                    new Deployer(
                        driver,
                        new BuildIdentity("bench", "faults#" + point + "-" + mode),
                        work,
                        Clock.systemUTC(),
                        log::add);
                try (Deployment deployment =
                    deployer.deploy(image, options(cloud.timeouts(), floatingIp))) {
                  deployed.set(true);
                  deployment.shell().run("true", Duration.ofSeconds(5));
                  if (testFails) {
                    throw new IllegalStateException("injected test failure");
                  }
                } catch (DeploymentException | IOException | RuntimeException expected) {
                  log.add("failed: " + expected);
                } catch (InterruptedException aborted) {
                  Thread.currentThread().interrupt();
                }
              },
              "fault " + cloud.name() + " " + fault);
      thread.start();
      thread.join(60_000);
      // a delete that overran its whole budget is handed to the janitor: its sweep must find it
      int swept = fake.leftovers() > 0 ? sweepStale(fake, work) : 0;
      int left = fake.leftovers();
      if (left > 0) {
        fault += " " + log + " left: " + fake.describe();
      }
      return new Outcome(fault, deployed.get(), left, keysLeft(work), swept);
    }
  }

  /**
   * One deployment in a child JVM that exits ({@code EXIT}) or is killed ({@code HALT}) during
   * {@code point}; after a kill the janitor sweeps what the heartbeat no longer covers. Null when
   * the cloud has no child runner.
   */
  static Outcome inChild(Cloud cloud, Path dir, Point point, Mode mode) throws Exception {
    Path faultDir = Files.createTempDirectory(dir, "child-");
    Path work = faultDir.resolve("work");
    try (FaultCloud fake = cloud.factory().start(faultDir)) {
      if (!fake.runChild(faultDir, point, mode)) {
        return null;
      }
      int swept = fake.leftovers() > 0 ? sweepStale(fake, work) : 0;
      String fault = point + " " + mode + " (child JVM)";
      int left = fake.leftovers();
      if (left > 0) {
        fault +=
            " left: " + fake.describe() + "\n" + Files.readString(faultDir.resolve("child.log"));
      }
      return new Outcome(fault, false, left, keysLeft(work), swept);
    }
  }

  /**
   * The janitor's sweep three hours later, when the build's heartbeat is stale: what it removed.
   */
  private static int sweepStale(FaultCloud fake, Path work) throws CloudException {
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(3));
    return new Janitor(fake.driver(), later, Duration.ofSeconds(5), line -> {})
        .withWorkRoot(work)
        .sweep(Duration.ofHours(2))
        .removed()
        .size();
  }

  /** Runs the generic fake's child JVM: state in {@code state}, work in {@code dir/work}. */
  static void runGenericChild(Path dir, Path state, Point point, Mode mode)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(FaultInjectionRun.class.getName());
    command.addAll(
        List.of(
            "child", state.toString(), dir.resolve("work").toString(), point.name(), mode.name()));
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
  }

  private static int keysLeft(Path work) throws IOException {
    if (!Files.exists(work)) {
      return 0;
    }
    try (var files = Files.walk(work)) {
      return (int) files.filter(f -> f.getFileName().toString().equals(Deployer.KEY_FILE)).count();
    }
  }

  /**
   * Every fault once on {@code cloud} (each delete or reachability fault with 1 to 3 failed
   * attempts, drawn from {@code random}).
   */
  static List<Outcome> round(Cloud cloud, Path dir, Random random) throws Exception {
    boolean floatingIps;
    try (FaultCloud probe = cloud.factory().start(Files.createTempDirectory(dir, "probe-"))) {
      floatingIps = probe.floatingIps();
    }
    List<Boolean> placements = floatingIps ? List.of(false, true) : List.of(false);
    List<Outcome> outcomes = new ArrayList<>();
    for (Point point : Point.values()) {
      for (Mode mode : IN_PROCESS_MODES) {
        for (boolean floatingIp : placements) {
          int times = point == Point.DELETE || point == Point.REACHABLE ? 1 + random.nextInt(3) : 1;
          outcomes.add(inProcess(cloud, dir, point, mode, times, floatingIp, false));
        }
      }
    }
    outcomes.add(inProcess(cloud, dir, Point.UPLOAD, Mode.SLOW, 0, floatingIps, true));
    outcomes.add(
        inProcess(
            cloud, dir, Point.REACHABLE, Mode.FAIL_BEFORE, Integer.MAX_VALUE, floatingIps, false));
    for (Point point : EXIT_POINTS) {
      for (Mode mode : List.of(Mode.EXIT, Mode.HALT)) {
        Outcome outcome = inChild(cloud, dir, point, mode);
        if (outcome != null) {
          outcomes.add(outcome);
        }
      }
    }
    return outcomes;
  }

  /** The totals of one cloud: faults, leaked resources, leaked keys, swept by the janitor. */
  static final class Tally {
    int faults;
    int leaked;
    int keys;
    int swept;
    long nanos;

    void add(Outcome outcome) {
      faults++;
      leaked += outcome.leakedResources();
      keys += outcome.leakedKeys();
      swept += outcome.swept();
    }

    void add(Tally other) {
      faults += other.faults;
      leaked += other.leaked;
      keys += other.keys;
      swept += other.swept;
      nanos += other.nanos;
    }

    String row(String name) {
      return String.format(
          "%-14s %7d %16d %12d %17d %8d",
          name, faults, leaked, keys, swept, nanos / 1_000_000_000L);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(Path.of(args[1]), Path.of(args[2]), Point.valueOf(args[3]), Mode.valueOf(args[4]));
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path dir = Files.createTempDirectory("cloudimg-faults-");
    Random random = new Random(42);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    List<String> only = List.of(args).subList(Math.min(1, args.length), args.length);
    for (Cloud cloud : CLOUDS) {
      if (!only.isEmpty() && !only.contains(cloud.name())) {
        continue;
      }
      Tally tally = tallies.computeIfAbsent(cloud.name(), n -> new Tally());
      long started = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        for (Outcome outcome : round(cloud, dir, random)) {
          tally.add(outcome);
          if (outcome.leakedResources() > 0 || outcome.leakedKeys() > 0) {
            System.out.println("LEAK on " + cloud.name() + ": " + outcome);
          }
        }
      }
      tally.nanos = System.nanoTime() - started;
      System.err.println(tally.row(cloud.name()));
    }
    System.out.printf(
        "fault-injection run, %d round(s), every driver against its FAKE server:%n", rounds);
    System.out.printf(
        "%-14s %7s %16s %12s %17s %8s%n",
        "driver", "faults", "leaked resources", "leaked keys", "swept by janitor", "seconds");
    System.out.println(
        "(leaked: still in the fake after the deployment ended and the janitor swept;"
            + " swept: left for the janitor by a killed JVM or a delete past its budget)");
    Tally total = new Tally();
    tallies.forEach(
        (name, tally) -> {
          System.out.println(tally.row(name));
          total.add(tally);
        });
    System.out.println(total.row("total"));
    Deployment.deleteTree(dir);
    System.exit(total.leaked == 0 && total.keys == 0 ? 0 : 1);
  }

  private static void child(Path state, Path work, Point point, Mode mode) throws Exception {
    FakeCloudDriver fake = new FakeCloudDriver(state);
    FaultInjectingDriver driver =
        new FaultInjectingDriver(fake, point, mode, 1, Thread.currentThread());
    Deployer deployer =
        new Deployer(
            driver,
            new BuildIdentity("bench", "child#" + point),
            work,
            Clock.systemUTC(),
            System.err::println);
    Deployer.Options options =
        options(
            new DeployTimeouts(
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2)),
            true);
    try (Deployment deployment = deployer.deploy(GenericFaultCloud.IMAGE, options)) {
      System.err.println("deployed " + deployment.id() + " without the fault striking");
    }
  }
}
