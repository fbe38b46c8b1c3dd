package io.jenkins.plugins.cloudimages.deploy;

import java.time.Duration;

/**
 * How long each phase may take. The defaults fit software emulation (QEMU TCG, where boot to SSH
 * took 20-25 s for a guest without cloud-init and 50-65 s with it on an idle machine, minutes on a
 * loaded one) as well as KVM and public clouds.
 */
public record DeployTimeouts(Duration upload, Duration boot, Duration reachable, Duration delete) {

  public static DeployTimeouts defaults() {
    return new DeployTimeouts(
        Duration.ofMinutes(30),
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        Duration.ofMinutes(3));
  }
}
