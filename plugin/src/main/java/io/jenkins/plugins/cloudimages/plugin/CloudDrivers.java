package io.jenkins.plugins.cloudimages.plugin;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.local.LocalQemuDriver;
import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import java.io.IOException;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Makes the engine's driver for a configured cloud, on the agent. Only the drivers the engine has
 * are wired (local QEMU today); other types fail with a clear message.
 */
final class CloudDrivers {
  private CloudDrivers() {}

  /** A cloud's settings as the agent gets them (the login resolved on the controller). */
  record Settings(
      String name, String type, String endpoint, Login login, String flavor, String network)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  static CloudDriver create(Settings cloud, Consumer<String> log) throws IOException {
    return switch (cloud.type()) {
      case "local" ->
          new LocalQemuDriver(
              LocalQemuDriver.Settings.defaults(LocalQemuDriver.defaultStateDir()), log);
      default ->
          throw new IOException(
              "cloud-images: no "
                  + cloud.type()
                  + " driver in this version of the cloud-images engine (cloud "
                  + cloud.name()
                  + ")");
    };
  }
}
