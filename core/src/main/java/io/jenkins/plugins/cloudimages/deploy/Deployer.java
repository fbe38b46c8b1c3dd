package io.jenkins.plugins.cloudimages.deploy;

import com.jcraft.jsch.Session;
import io.jenkins.plugins.cloudimages.ssh.SshConnector;
import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Boots an image on any cloud and hands back a reachable {@link Deployment}. It owns what every
 * driver needs and none should repeat: a fresh SSH key pair per deployment, the host key pinned
 * before the first connection (injected through user data, or read from the console), a timeout per
 * phase (upload, boot, reachable), the build's tags and a heartbeat, and the destruction of
 * everything created on every exit path — failure, timeout, interrupt and JVM exit.
 */
public final class Deployer {
  static final String KEY_FILE = "id_ed25519";
  static final String KNOWN_HOSTS = "known_hosts";
  private static final Duration CALL_GRACE = Duration.ofSeconds(2);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What to boot with; see {@link #defaults()}. */
  public record Options(
      String loginUser,
      String flavor,
      String network,
      boolean floatingIp,
      HostKeyMode hostKeyMode,
      DeployTimeouts timeouts,
      Duration heartbeatInterval) {
    public static Options defaults() {
      return new Options(
          "root",
          null,
          null,
          false,
          HostKeyMode.INJECT,
          DeployTimeouts.defaults(),
          Duration.ofMinutes(1));
    }

    public Options withLoginUser(String user) {
      return new Options(
          user, flavor, network, floatingIp, hostKeyMode, timeouts, heartbeatInterval);
    }

    public Options withHostKeyMode(HostKeyMode mode) {
      return new Options(loginUser, flavor, network, floatingIp, mode, timeouts, heartbeatInterval);
    }

    public Options withTimeouts(DeployTimeouts t) {
      return new Options(loginUser, flavor, network, floatingIp, hostKeyMode, t, heartbeatInterval);
    }

    public Options withHeartbeat(Duration interval) {
      return new Options(loginUser, flavor, network, floatingIp, hostKeyMode, timeouts, interval);
    }

    public Options withPlacement(String flavor, String network, boolean floatingIp) {
      return new Options(
          loginUser, flavor, network, floatingIp, hostKeyMode, timeouts, heartbeatInterval);
    }
  }

  @FunctionalInterface
  private interface CloudCall<T> {
    T call(Deadline deadline) throws CloudException;
  }

  private final CloudDriver driver;
  private final BuildIdentity build;
  private final Path workRoot;
  private final Clock clock;
  private final Consumer<String> log;

  /**
   * @param workRoot where each deployment gets its folder (keys, known_hosts, diagnostics)
   * @param log progress lines, for the build log or stderr
   */
  public Deployer(
      CloudDriver driver, BuildIdentity build, Path workRoot, Clock clock, Consumer<String> log) {
    this.driver = driver;
    this.build = build;
    this.workRoot = workRoot;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Uploads and boots {@code image} and waits until it can be reached. On any failure everything
   * created is destroyed before this throws; the exception names the folder with the saved console.
   */
  public Deployment deploy(ImageSource image, Options options)
      throws DeploymentException, InterruptedException {
    String name = "cloudimg-" + slug(build.build()) + "-" + HexFormat.of().formatHex(randomBytes());
    BuildIdentity identity = build.withDeployment(name);
    DeployTimeouts timeouts = options.timeouts();
    Path dir;
    try {
      dir = Files.createDirectories(workRoot.resolve(name));
    } catch (IOException e) {
      throw new DeploymentException("cannot create " + workRoot.resolve(name), null, e);
    }
    ResourceReaper reaper = new ResourceReaper(driver, clock, timeouts.delete(), log);
    Deployment deployment = new Deployment(driver, identity, dir, reaper, timeouts.delete(), log);
    deployment.startHeartbeat(options.heartbeatInterval(), clock);
    String phase = "upload";
    Instant started = clock.instant();
    try {
      SshKeyPair client = SshKeyPair.generateEd25519(name);
      Path keyFile = client.writePrivateKey(dir.resolve(KEY_FILE));
      SshKeyPair hostKey =
          options.hostKeyMode() == HostKeyMode.INJECT
              ? SshKeyPair.generateEd25519(name + "-host")
              : null;
      log.accept("deploying " + image.name() + " on " + driver.type() + " as " + name);
      ResourceLedger ledger = deployment.ledger();
      CloudResource uploaded =
          call(
              ledger,
              Deadline.in("upload", timeouts.upload(), clock),
              d -> {
                CloudResource r = driver.uploadImage(image, identity, d);
                ledger.add(r);
                return r;
              });
      phase = "boot";
      log.accept("booting " + name + " (timeout " + timeouts.boot().toSeconds() + " s)");
      BootSpec spec =
          new BootSpec(
              name,
              UserData.userData(options.loginUser(), client.publicKey(), hostKey),
              options.loginUser(),
              client.publicKey(),
              options.flavor(),
              options.network(),
              options.floatingIp(),
              identity.tags(clock.instant()),
              hostKey);
      Deadline boot = Deadline.in("boot", timeouts.boot(), clock);
      List<CloudResource> booted =
          call(
              ledger,
              boot,
              d -> {
                List<CloudResource> created = driver.boot(uploaded, spec, d);
                created.forEach(ledger::add);
                return created;
              });
      if (booted.isEmpty()) {
        throw new CloudException(driver.type() + " driver returned no instance");
      }
      CloudResource instance = booted.get(0);
      deployment.instance(instance);
      InstanceAddress address = call(ledger, boot, d -> driver.awaitAddress(instance, d));
      phase = "reachable";
      log.accept(
          "waiting until "
              + name
              + " can be reached at "
              + address.host()
              + ":"
              + address.port()
              + " (timeout "
              + timeouts.reachable().toSeconds()
              + " s)");
      Deadline reachable = Deadline.in("reachable", timeouts.reachable(), clock);
      if (driver instanceof ExecReachable exec) {
        RemoteShell shell = exec.shell(instance);
        awaitExec(shell, reachable);
        deployment.reached(address, options.loginUser(), null, null, shell);
      } else {
        Path knownHosts = dir.resolve(KNOWN_HOSTS);
        if (hostKey != null) {
          HostKeys.writeKnownHosts(
              knownHosts, address.host(), address.port(), List.of(hostKey.publicKey()));
        } else {
          pinFromConsole(instance, address, knownHosts, reachable);
        }
        SshTarget target =
            SshTarget.withKey(
                address.host(), address.port(), options.loginUser(), keyFile, knownHosts);
        awaitSsh(target, reachable);
        deployment.reached(address, options.loginUser(), keyFile, knownHosts, new SshShell(target));
      }
      log.accept(
          name
              + " reachable after "
              + Duration.between(started, clock.instant()).toSeconds()
              + " s at "
              + address.host()
              + ":"
              + address.port());
      return deployment;
    } catch (InterruptedException e) {
      log.accept("deployment " + name + " aborted during " + phase + "; destroying it");
      deployment.destroy();
      Thread.currentThread().interrupt();
      throw e;
    } catch (CloudException | IOException | RuntimeException e) {
      Path diagnostics = null;
      if (!"upload".equals(phase) && deployment.instance() != null) {
        diagnostics = deployment.saveDiagnostics();
        log.accept("serial console saved in " + diagnostics.resolve("console.log"));
      }
      boolean clean = deployment.destroy();
      String message =
          "deploying "
              + image.name()
              + " on "
              + driver.type()
              + " failed during "
              + phase
              + ": "
              + e.getMessage()
              + (clean ? "" : " (some resources could not be destroyed; see the log)");
      throw new DeploymentException(message, diagnostics, e);
    }
  }

  /**
   * Runs one cloud call in its own thread so that a driver that overruns its deadline, or an
   * interrupt, cannot hold the deployment; whatever the call creates later still reaches the
   * ledger, which destroys it once the deployment is closed.
   */
  private <T> T call(ResourceLedger ledger, Deadline deadline, CloudCall<T> body)
      throws CloudException, InterruptedException {
    FutureTask<T> task = new FutureTask<>(() -> body.call(deadline));
    ledger.callStarted();
    Thread thread =
        new Thread(
            () -> {
              try {
                task.run();
              } finally {
                ledger.callEnded();
              }
            },
            "cloudimg " + deadline.phase());
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(deadline.remaining().plus(CALL_GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new CloudException(deadline.phase() + " timed out");
    } catch (InterruptedException e) {
      task.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CloudException cloud) {
        throw cloud;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new CloudException(deadline.phase() + " failed: " + cause, 0, cause);
    }
  }

  private void awaitExec(RemoteShell shell, Deadline deadline)
      throws CloudException, InterruptedException {
    String last = "no answer";
    while (!deadline.passed()) {
      try {
        RemoteShell.Result result = shell.run("true", Duration.ofSeconds(30));
        if (result.succeeded()) {
          return;
        }
        last = "exit status " + result.exitCode() + ": " + result.output().strip();
      } catch (IOException e) {
        last = e.getMessage();
      }
      Thread.sleep(500);
    }
    throw new CloudException("instance did not answer exec in time (" + last + ")");
  }

  /**
   * Connects until SSH lets us in. Refused connections and failed logins are retried (the instance
   * is still booting); a host key that is not the pinned one fails at once.
   */
  private void awaitSsh(SshTarget target, Deadline deadline)
      throws CloudException, InterruptedException {
    String last = "no attempt";
    int attempts = 0;
    while (!deadline.passed()) {
      attempts++;
      Duration connect = min(deadline.remaining(), Duration.ofSeconds(20));
      try {
        Session session = SshConnector.connect(target.withConnectTimeout(connect));
        session.disconnect();
        return;
      } catch (SshException e) {
        last = e.getMessage();
        if (last.contains("does not match") || last.contains("is not in")) {
          throw new CloudException("host key check failed: " + last);
        }
      }
      Thread.sleep(Math.min(2000, deadline.remaining().toMillis()));
    }
    throw new CloudException(
        "SSH did not answer within the reachable timeout ("
            + attempts
            + " attempts, last: "
            + last
            + ")");
  }

  private void pinFromConsole(
      CloudResource instance, InstanceAddress address, Path knownHosts, Deadline deadline)
      throws CloudException, InterruptedException, IOException {
    while (!sshBanner(address)) {
      deadline.check();
      Thread.sleep(1000);
    }
    while (true) {
      List<String> keys = HostKeys.fromConsole(driver.consoleOutput(instance));
      if (!keys.isEmpty()) {
        HostKeys.writeKnownHosts(knownHosts, address.host(), address.port(), keys);
        log.accept("pinned " + keys.size() + " host key(s) from the console");
        return;
      }
      if (deadline.passed()) {
        throw new CloudException("the console showed no SSH HOST KEY KEYS block in time");
      }
      Thread.sleep(1000);
    }
  }

  /** Whether an SSH server greets on the address (a forwarded port may accept and then close). */
  static boolean sshBanner(InstanceAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.host(), address.port()), 3000);
      socket.setSoTimeout(5000);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4];
      int read = in.readNBytes(buffer, 0, 4);
      return read == 4 && "SSH-".equals(new String(buffer, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[3];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** A name-safe form of a build id: lower case letters, digits and dashes, at most 30. */
  static String slug(String text) {
    String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    if (slug.length() > 30) {
      slug = slug.substring(slug.length() - 30).replaceAll("^-+", "");
    }
    return slug.isEmpty() ? "build" : slug;
  }
}
