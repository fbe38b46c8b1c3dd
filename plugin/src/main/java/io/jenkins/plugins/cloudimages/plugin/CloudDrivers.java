package io.jenkins.plugins.cloudimages.plugin;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes the engine's driver for a configured cloud, on the agent, through the engine's driver
 * registry; a type the engine has no driver for fails with a clear message.
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
    CloudSettings settings =
        new CloudSettings(
            cloud.name(),
            cloud.type(),
            blankToNull(cloud.endpoint()),
            null,
            null,
            blankToNull(cloud.flavor()),
            blankToNull(cloud.network()),
            Map.of());
    try {
      return DriverRegistry.create(settings, log);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "cloud-images: cloud "
              + cloud.name()
              + ": "
              + e.getMessage()
              + " (this engine has "
              + List.of(DriverRegistry.DriverType.values()).toString().toLowerCase(Locale.ROOT)
              + ")",
          e);
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
