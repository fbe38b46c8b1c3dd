package io.jenkins.plugins.cloudimages.deploy.registry;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.cloudstack.CloudStackDriver;
import io.jenkins.plugins.cloudimages.deploy.docker.DockerDriver;
import io.jenkins.plugins.cloudimages.deploy.ec2.Ec2Driver;
import io.jenkins.plugins.cloudimages.deploy.local.LocalQemuDriver;
import io.jenkins.plugins.cloudimages.deploy.opennebula.OpenNebulaDriver;
import io.jenkins.plugins.cloudimages.deploy.openstack.OpenStackDriver;
import io.jenkins.plugins.cloudimages.deploy.ovirt.OvirtDriver;
import io.jenkins.plugins.cloudimages.deploy.vsphere.VsphereDriver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    CLOUDSTACK,
    OPENNEBULA,
    OVIRT,
    VSPHERE
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
      case OPENNEBULA -> new OpenNebulaDriver(openNebulaSettings(settings), Clock.systemUTC());
      case OVIRT -> new OvirtDriver(ovirtSettings(settings), Clock.systemUTC());
      case VSPHERE -> new VsphereDriver(vsphereSettings(settings), Clock.systemUTC());
    };
  }

  /**
   * OpenNebula: endpoint = the XML-RPC URL (http://frontend:2633/RPC2), credentials = the session
   * "user:password" (ONE_AUTH's format), network = the virtual network's name; options datastore
   * (id, 1), memoryMb (1024), cpus (1), pollSeconds (5).
   */
  private static OpenNebulaDriver.Settings openNebulaSettings(CloudSettings settings) {
    String session = String.join(":", login(settings));
    return new OpenNebulaDriver.Settings(
        URI.create(required(settings, settings.endpoint(), "endpoint")),
        session,
        intOption(settings, "datastore", 1),
        settings.network(),
        intOption(settings, "memoryMb", 1024),
        intOption(settings, "cpus", 1),
        Duration.ofSeconds(intOption(settings, "pollSeconds", 5)));
  }

  /**
   * oVirt: endpoint = the engine's base URL (https://engine/ovirt-engine), credentials =
   * "user@domain:password", network = a vNIC profile name; options storageDomain (required),
   * cluster (Default), memoryMb (2048), pollSeconds (5).
   */
  private static OvirtDriver.Settings ovirtSettings(CloudSettings settings) {
    String[] login = login(settings);
    return new OvirtDriver.Settings(
        required(settings, settings.endpoint(), "endpoint"),
        login[0],
        login[1],
        settings.option("cluster", "Default"),
        required(settings, settings.option("storageDomain", null), "options.storageDomain"),
        settings.network(),
        intOption(settings, "memoryMb", 2048),
        Duration.ofSeconds(intOption(settings, "pollSeconds", 5)));
  }

  /**
   * vSphere: endpoint = the vCenter base URL (https://vcenter), credentials = "user:password",
   * network = the network's name; options library and resourcePool (ids, required), folder (id),
   * cpus (1), memoryMb (2048), pollSeconds (5).
   */
  private static VsphereDriver.Settings vsphereSettings(CloudSettings settings) {
    String[] login = login(settings);
    return new VsphereDriver.Settings(
        required(settings, settings.endpoint(), "endpoint"),
        login[0],
        login[1],
        required(settings, settings.option("library", null), "options.library"),
        required(settings, settings.option("resourcePool", null), "options.resourcePool"),
        settings.option("folder", null),
        settings.network(),
        intOption(settings, "cpus", 1),
        intOption(settings, "memoryMb", 2048),
        Duration.ofSeconds(intOption(settings, "pollSeconds", 5)));
  }

  /** "user:password", split at the first colon (user names have none, passwords may). */
  private static String[] login(CloudSettings settings) {
    String credentials = requiredCredentials(settings);
    int colon = credentials.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "cloud " + settings.name() + ": credentials must be user:password");
    }
    return new String[] {credentials.substring(0, colon), credentials.substring(colon + 1)};
  }

  private static String required(CloudSettings settings, String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "cloud " + settings.name() + " (" + settings.type() + ") needs \"" + key + "\"");
    }
    return value;
  }

  private static String requiredCredentials(CloudSettings settings) {
    try {
      return required(settings, settings.credentials(), "credentialsEnv or credentialsFile");
    } catch (CloudException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static int intOption(CloudSettings settings, String key, int fallback) {
    String value = settings.option(key, String.valueOf(fallback));
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "cloud " + settings.name() + ": option " + key + " is not a whole number: " + value, e);
    }
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
