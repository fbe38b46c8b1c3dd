package io.jenkins.plugins.cloudimages.deploy;

import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault-injection run: deploys on the {@link FakeCloudDriver} (a fake, not a real cloud) behind
 * a {@link FaultInjectingDriver}, once per fault, and counts what each deployment left behind —
 * cloud resources and private key files. Faults in this JVM: every mode at every point, with and
 * without a floating IP, and a failing test after a successful deployment. Faults that end the JVM
 * run in a child process: an orderly exit (the shutdown hook must clean up) and a hard kill (which
 * leaves resources for the janitor, whose sweep is counted too).
 *
 * <p>{@code bench/faults [repetitions]} runs it; the test suite runs a single round.
 */
public final class FaultInjectionRun {
  static final DeployTimeouts TIMEOUTS =
      new DeployTimeouts(
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Duration.ofSeconds(2));
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

  /** What one injected fault left. */
  record Outcome(String fault, boolean deployed, int leakedResources, int leakedKeys, int swept) {}

  private FaultInjectionRun() {}

  static Deployer.Options options(boolean floatingIp) {
    return Deployer.Options.defaults()
        .withTimeouts(TIMEOUTS)
        .withHeartbeat(Duration.ofMillis(20))
        .withPlacement(null, null, floatingIp);
  }

  static ImageSource image() {
    return new ImageSource("fault-image", Path.of("/dev/null"), null, "raw", null);
  }

  /** One deployment in this JVM with one fault; {@code times} calls at the point are hit. */
  static Outcome inProcess(
      Path dir, Point point, Mode mode, int times, boolean floatingIp, boolean testFails)
      throws InterruptedException, IOException, CloudException {
    Path cloudDir = Files.createTempDirectory(dir, "cloud-");
    Path work = Files.createTempDirectory(dir, "work-");
    FakeCloudDriver fake = new FakeCloudDriver(cloudDir);
    AtomicReference<Boolean> deployed = new AtomicReference<>(false);
    List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread thread =
        new Thread(
            () -> {
              FaultInjectingDriver driver =
                  new FaultInjectingDriver(fake, point, mode, times, Thread.currentThread());
              Deployer deployer =
                  new Deployer(
                      driver,
                      new BuildIdentity("bench", "faults#" + point + "-" + mode),
                      work,
                      Clock.systemUTC(),
                      line -> {});
              try (Deployment deployment = deployer.deploy(image(), options(floatingIp))) {
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
            "fault " + point + " " + mode);
    thread.start();
    thread.join(60_000);
    String fault =
        point
            + " "
            + mode
            + (times > 1 ? " x" + times : "")
            + (floatingIp ? " +fip" : "")
            + (testFails ? " +test-fails" : "");
    int left = fake.count();
    if (left > 0) {
      fault += " " + log + " left: " + fake.listOwned();
    }
    return new Outcome(fault, deployed.get(), left, keysLeft(work), 0);
  }

  /**
   * One deployment in a child JVM that exits ({@code EXIT}) or is killed ({@code HALT}) during
   * {@code point}; after a kill the janitor sweeps what the heartbeat no longer covers.
   */
  static Outcome inChild(Path dir, Point point, Mode mode)
      throws IOException, InterruptedException, CloudException {
    Path cloudDir = Files.createTempDirectory(dir, "cloud-");
    Path work = Files.createTempDirectory(dir, "work-");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(FaultInjectionRun.class.getName());
    command.addAll(
        List.of("child", cloudDir.toString(), work.toString(), point.name(), mode.name()));
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    if (!child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
    FakeCloudDriver fake = new FakeCloudDriver(cloudDir);
    int left = fake.count();
    int swept = 0;
    if (mode == Mode.HALT && left > 0) {
      // three hours later the killed build's heartbeat is stale
      Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(3));
      Janitor.Report report =
          new Janitor(fake, later, Duration.ofSeconds(5), line -> {})
              .withWorkRoot(work)
              .sweep(Duration.ofHours(2));
      swept = report.removed().size();
    }
    return new Outcome(
        point + " " + mode + " (child JVM)", false, fake.count(), keysLeft(work), swept);
  }

  private static int keysLeft(Path work) throws IOException {
    try (var files = Files.walk(work)) {
      return (int) files.filter(f -> f.getFileName().toString().equals(Deployer.KEY_FILE)).count();
    }
  }

  /** Every fault once (each delete fault with 1 to 3 failed attempts when {@code random}). */
  static List<Outcome> round(Path dir, Random random) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (Point point : Point.values()) {
      for (Mode mode : IN_PROCESS_MODES) {
        for (boolean floatingIp : List.of(false, true)) {
          int times = point == Point.DELETE || point == Point.REACHABLE ? 1 + random.nextInt(3) : 1;
          outcomes.add(inProcess(dir, point, mode, times, floatingIp, false));
        }
      }
    }
    outcomes.add(inProcess(dir, Point.UPLOAD, Mode.SLOW, 0, true, true));
    outcomes.add(inProcess(dir, Point.REACHABLE, Mode.FAIL_BEFORE, Integer.MAX_VALUE, true, false));
    for (Point point : EXIT_POINTS) {
      outcomes.add(inChild(dir, point, Mode.EXIT));
      outcomes.add(inChild(dir, point, Mode.HALT));
    }
    return outcomes;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(Path.of(args[1]), Path.of(args[2]), Point.valueOf(args[3]), Mode.valueOf(args[4]));
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path dir = Files.createTempDirectory("cloudimg-faults-");
    Random random = new Random(42);
    Map<Mode, int[]> byMode = new EnumMap<>(Mode.class);
    int faults = 0;
    int leaked = 0;
    int keys = 0;
    int swept = 0;
    long started = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      for (Outcome outcome : round(dir, random)) {
        faults++;
        leaked += outcome.leakedResources();
        keys += outcome.leakedKeys();
        swept += outcome.swept();
        Mode mode = Mode.valueOf(outcome.fault().split(" ")[1]);
        int[] counts = byMode.computeIfAbsent(mode, m -> new int[2]);
        counts[0]++;
        counts[1] += outcome.leakedResources();
        if (outcome.leakedResources() > 0 || outcome.leakedKeys() > 0) {
          System.out.println("LEAK: " + outcome);
        }
      }
    }
    System.out.printf(
        "fault-injection run against the FAKE cloud: %d injected faults in %d s%n",
        faults, (System.nanoTime() - started) / 1_000_000_000L);
    byMode.forEach(
        (mode, c) ->
            System.out.printf("  %-12s %4d faults, %d resources left%n", mode, c[0], c[1]));
    System.out.printf(
        "leaked resources: %d; private keys left: %d; left by killed JVMs and removed by the janitor: %d%n",
        leaked, keys, swept);
    Deployment.deleteTree(dir);
    System.exit(leaked == 0 && keys == 0 ? 0 : 1);
  }

  private static void child(Path cloudDir, Path work, Point point, Mode mode) throws Exception {
    FakeCloudDriver fake = new FakeCloudDriver(cloudDir);
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
        options(true)
            .withTimeouts(
                new DeployTimeouts(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(2)));
    try (Deployment deployment = deployer.deploy(image(), options)) {
      System.err.println("deployed " + deployment.id() + " without the fault striking");
    }
  }
}
