package io.jenkins.plugins.cloudimages.plugin;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
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

  /**
   * A cloud's settings as the agent gets them: the credentials resolved on the controller to the
   * text of the CLI's credentials file (or null), never printed.
   */
  record Settings(
      String name,
      String type,
      String endpoint,
      String credentialsText,
      String flavor,
      String network,
      boolean floatingIp,
      Map<String, String> options)
      implements Serializable {
    private static final long serialVersionUID = 2L;

    Settings {
      options = options == null ? Map.of() : Map.copyOf(options);
    }

    @Override
    public String toString() {
      return "Settings[name="
          + name
          + ", type="
          + type
          + ", endpoint="
          + endpoint
          + ", credentials="
          + (credentialsText == null ? "none" : "****")
          + ", options="
          + options.keySet()
          + "]";
    }
  }

  /** The engine's view of the cloud. */
  static CloudSettings toEngine(Settings cloud) {
    return CloudSettings.withCredentialsText(
        cloud.name(),
        cloud.type(),
        blankToNull(cloud.endpoint()),
        cloud.credentialsText(),
        blankToNull(cloud.flavor()),
        blankToNull(cloud.network()),
        cloud.options());
  }

  static CloudDriver create(Settings cloud, Consumer<String> log) throws IOException {
    try {
      return DriverRegistry.create(toEngine(cloud), log);
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
