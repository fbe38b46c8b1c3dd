package io.jenkins.plugins.cloudimages.deploy;

import io.jenkins.plugins.cloudimages.testing.LoopbackSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Any cloud driver whose instances are a loopback sshd standing in for the booted guest: the
 * per-build key is added to the sshd at boot, the sshd's address is answered once the cloud says
 * the instance runs, and the console is the cloud's or a given text (such as the sshd's host key).
 */
final class LoopbackInstances extends ForwardingDriver {
  private final LoopbackSshd sshd;
  private final String console;

  /**
   * @param console what the console shows, or null for the cloud's own console
   */
  LoopbackInstances(CloudDriver cloud, LoopbackSshd sshd, String console) {
    super(cloud);
    this.sshd = sshd;
    this.console = console;
  }

  /** The console block cloud-init prints with the sshd's host key. */
  static String console(LoopbackSshd sshd) throws IOException {
    String key = Files.readString(sshd.clientKey().resolveSibling("host_ed25519.pub")).strip();
    return "boot...\n" + HostKeys.BEGIN + "\n" + key + "\n" + HostKeys.END + "\n";
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    try {
      Files.writeString(
          sshd.clientKey().resolveSibling("authorized_keys"),
          spec.authorizedKey() + "\n",
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new CloudException(e.getMessage());
    }
    return cloud.boot(image, spec, deadline);
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    cloud.awaitAddress(instance, deadline);
    return new InstanceAddress(sshd.host(), sshd.port());
  }

  @Override
  public String consoleOutput(CloudResource instance) throws CloudException {
    return console == null ? cloud.consoleOutput(instance) : console;
  }
}
