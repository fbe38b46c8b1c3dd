package io.jenkins.plugins.cloudimages.deploy;

import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A booted, reachable instance and everything created for it. Closing it destroys all of it (also
 * done by a JVM shutdown hook while it lives); {@link #detach()} leaves it running for a later
 * {@code cloudimg destroy}.
 */
public final class Deployment implements AutoCloseable {
  private final CloudDriver driver;
  private final BuildIdentity identity;
  private final Path workDir;
  private final ResourceLedger ledger;
  private final ResourceReaper reaper;
  private final Duration callWait;
  private final Consumer<String> log;
  private final Thread shutdownHook;
  private final ScheduledExecutorService heartbeat;
  private boolean finished;
  private volatile boolean keepWorkDir;

  private CloudResource instance;
  private InstanceAddress address;
  private String user;
  private Path keyFile;
  private Path knownHosts;
  private RemoteShell shell;

  Deployment(
      CloudDriver driver,
      BuildIdentity identity,
      Path workDir,
      ResourceReaper reaper,
      Duration callWait,
      Consumer<String> log) {
    this.driver = driver;
    this.identity = identity;
    this.workDir = workDir;
    this.reaper = reaper;
    this.ledger = new ResourceLedger(reaper);
    this.callWait = callWait;
    this.log = log;
    this.shutdownHook =
        new Thread(this::destroyOnExit, "cloudimg destroy " + identity.deployment());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cloudimg heartbeat " + identity.deployment());
              t.setDaemon(true);
              return t;
            });
  }

  void startHeartbeat(Duration interval, Clock clock) {
    long millis = Math.max(1, interval.toMillis());
    heartbeat.scheduleWithFixedDelay(
        () -> {
          for (CloudResource resource : ledger.snapshot()) {
            try {
              driver.heartbeat(resource, clock.instant());
            } catch (CloudException | RuntimeException e) {
              log.accept("heartbeat of " + resource + " failed: " + e.getMessage());
            }
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  ResourceLedger ledger() {
    return ledger;
  }

  void instance(CloudResource instance) {
    this.instance = instance;
  }

  void reached(
      InstanceAddress address, String user, Path keyFile, Path knownHosts, RemoteShell shell) {
    this.address = address;
    this.user = user;
    this.keyFile = keyFile;
    this.knownHosts = knownHosts;
    this.shell = shell;
  }

  /** The instance's id in its cloud. */
  public String id() {
    return instance == null ? null : instance.id();
  }

  public CloudResource instance() {
    return instance;
  }

  public String cloudType() {
    return driver.type();
  }

  public BuildIdentity identity() {
    return identity;
  }

  public String host() {
    return address == null ? null : address.host();
  }

  public int port() {
    return address == null ? 0 : address.port();
  }

  public String user() {
    return user;
  }

  /** The per-build private key (mode 0600), or null for instances reached through exec. */
  public Path keyFile() {
    return keyFile;
  }

  /** known_hosts with the pinned host key, or null for instances reached through exec. */
  public Path knownHostsFile() {
    return knownHosts;
  }

  public Path workDir() {
    return workDir;
  }

  /** Runs commands on the instance (SSH with the pinned key, or the container engine's exec). */
  public RemoteShell shell() {
    return shell;
  }

  /** The SSH target, or null for instances reached through exec. */
  public SshTarget sshTarget() {
    return keyFile == null ? null : SshTarget.withKey(host(), port(), user, keyFile, knownHosts);
  }

  /** Everything this deployment created and has not destroyed, in creation order. */
  public List<CloudResource> resources() {
    return ledger.snapshot();
  }

  /** The instance as the command line prints it. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cloud", driver.type());
    out.put("id", id());
    out.put("host", host());
    out.put("port", port());
    out.put("user", user);
    out.put("transport", keyFile == null ? "exec" : "ssh");
    out.put("keyFile", keyFile == null ? null : keyFile.toString());
    out.put("knownHostsFile", knownHosts == null ? null : knownHosts.toString());
    out.put("owner", identity.owner());
    out.put("build", identity.build());
    out.put("deployment", identity.deployment());
    List<String> resources = new ArrayList<>();
    ledger.snapshot().forEach(r -> resources.add(r.toString()));
    out.put("resources", resources);
    return out;
  }

  /**
   * Saves the serial console and, when the instance can still be reached, the cloud-init logs into
   * the work folder; returns that folder. For failures found by later stages too.
   */
  public Path saveDiagnostics() {
    keepWorkDir = true;
    if (instance != null) {
      try {
        Files.writeString(workDir.resolve("console.log"), driver.consoleOutput(instance));
      } catch (CloudException | IOException | RuntimeException e) {
        log.accept("could not save the console of " + instance + ": " + e.getMessage());
      }
    }
    if (shell != null) {
      try {
        RemoteShell.Result result =
            shell.run(
                "tail -n 500 /var/log/cloud-init.log /var/log/cloud-init-output.log 2>&1",
                Duration.ofSeconds(30));
        Files.writeString(workDir.resolve("cloud-init.log"), result.output());
      } catch (IOException | RuntimeException e) {
        log.accept("could not read the cloud-init log: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return workDir;
  }

  /** Destroys everything created; true when nothing was left behind. Safe to call twice. */
  public boolean destroy() {
    return finish(true, false);
  }

  @Override
  public void close() {
    destroy();
  }

  /**
   * Stops watching the deployment and leaves it running: no heartbeat, no destroy at JVM exit. For
   * {@code cloudimg deploy --keep}; {@code cloudimg destroy} or the janitor end it later.
   */
  public void detach() {
    finish(false, false);
  }

  private void destroyOnExit() {
    finish(true, true);
  }

  private boolean finish(boolean destroy, boolean inShutdownHook) {
    synchronized (this) {
      if (finished) {
        return true;
      }
      finished = true;
    }
    // cleanup after an abort must still wait for what it waits for; the flag is restored after
    boolean interrupted = Thread.interrupted();
    try {
      return finishNow(destroy, inShutdownHook);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean finishNow(boolean destroy, boolean inShutdownHook) {
    heartbeat.shutdownNow();
    try {
      // a heartbeat in flight must not re-tag (or, on some clouds, recreate) what is deleted next
      heartbeat.awaitTermination(callWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.interrupted();
    }
    if (!inShutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to; it finds the work done
      }
    }
    if (shell != null) {
      shell.close();
    }
    if (!destroy) {
      return true;
    }
    List<CloudResource> left = new ArrayList<>(reaper.deleteAll(ledger.close()));
    ledger.awaitCalls(callWait.toMillis());
    left.addAll(sweep());
    deleteSecrets();
    if (!left.isEmpty()) {
      log.accept("deployment " + identity.deployment() + " left behind: " + left);
      return false;
    }
    if (!keepWorkDir) {
      deleteTree(workDir);
    }
    log.accept("destroyed deployment " + identity.deployment());
    return true;
  }

  /** Removes what the cloud lists as this deployment's but the ledger never saw (lost replies). */
  private List<CloudResource> sweep() {
    try {
      List<CloudResource> strays = driver.listOwned().stream().filter(identity::owns).toList();
      if (!strays.isEmpty()) {
        log.accept("removing resources whose creation was not confirmed: " + strays);
      }
      return reaper.deleteAll(strays);
    } catch (CloudException | RuntimeException e) {
      log.accept("could not list " + driver.type() + " resources after cleanup: " + e.getMessage());
      return List.of();
    }
  }

  /** The private key and its public half go with the instance (diagnostics stay). */
  void deleteSecrets() {
    try {
      Files.deleteIfExists(workDir.resolve(Deployer.KEY_FILE));
      Files.deleteIfExists(workDir.resolve(Deployer.KEY_FILE + ".pub"));
    } catch (IOException e) {
      log.accept("could not delete the private key in " + workDir + ": " + e.getMessage());
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort; leftovers are plain files in a temporary folder
                }
              });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
