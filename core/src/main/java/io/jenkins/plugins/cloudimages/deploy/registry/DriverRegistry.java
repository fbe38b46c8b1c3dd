package io.jenkins.plugins.cloudimages.deploy.registry;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.cloudstack.CloudStackDriver;
import io.jenkins.plugins.cloudimages.deploy.docker.DockerDriver;
import io.jenkins.plugins.cloudimages.deploy.ec2.Ec2Driver;
import io.jenkins.plugins.cloudimages.deploy.local.LocalQemuDriver;
import io.jenkins.plugins.cloudimages.deploy.openstack.OpenStackDriver;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The cloud drivers by registry name. A new driver adds its constant and its construction from
 * {@link CloudSettings}.
 */
public final class DriverRegistry {

  /** The known drivers. */
  public enum DriverType {
    LOCAL,
    DOCKER,
    OPENSTACK,
    EC2,
    CLOUDSTACK
  }

  private DriverRegistry() {}

  /** The driver type for {@code name} (case-insensitive). */
  public static DriverType get(String name) {
    try {
      return DriverType.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown driver name: " + name, e);
    }
  }

  /**
   * A driver for the cloud {@code settings} describe; an unusable setting or missing credentials
   * throw IllegalArgumentException with the reason.
   */
  public static CloudDriver create(CloudSettings settings, Consumer<String> log) {
    try {
      return createChecked(settings, log);
    } catch (CloudException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static CloudDriver createChecked(CloudSettings settings, Consumer<String> log)
      throws CloudException {
    return switch (get(settings.type())) {
      case LOCAL -> new LocalQemuDriver(localSettings(settings), log);
      case DOCKER ->
          new DockerDriver(
              settings.endpoint() == null
                  ? DockerDriver.defaultSocket()
                  : Path.of(settings.endpoint().replaceFirst("^unix://", "")));
      case OPENSTACK -> new OpenStackDriver(settings, log);
      case EC2 -> Ec2Driver.create(settings, log);
      case CLOUDSTACK -> CloudStackDriver.create(settings, log);
    };
  }

  private static LocalQemuDriver.Settings localSettings(CloudSettings settings) {
    LocalQemuDriver.Settings defaults =
        LocalQemuDriver.Settings.defaults(
            Path.of(settings.option("stateDir", LocalQemuDriver.defaultStateDir().toString())));
    String kernel = settings.option("kernel", null);
    String initrd = settings.option("initrd", null);
    return new LocalQemuDriver.Settings(
        defaults.stateDir(),
        Integer.parseInt(settings.option("memoryMb", String.valueOf(defaults.memoryMb()))),
        Integer.parseInt(settings.option("cpus", String.valueOf(defaults.cpus()))),
        LocalQemuDriver.BootMode.valueOf(settings.option("boot", "auto").toUpperCase(Locale.ROOT)),
        kernel == null ? null : Path.of(kernel),
        initrd == null ? null : Path.of(initrd),
        settings.option("kernelArgs", null),
        settings.option("accel", "auto"));
  }
}
