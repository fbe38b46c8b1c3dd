package io.jenkins.plugins.cloudimages.deploy.openstack;

import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.support.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the OpenStack driver reaches and uses one cloud, read from its entry in the clouds file: the
 * Keystone URL as {@code endpoint}, {@code flavor} and {@code network} by name or id, and these
 * {@code options}:
 *
 * <ul>
 *   <li>{@code identityApiVersion}: {@code 3} or {@code 2.0}; by default 2.0 when the endpoint ends
 *       in {@code /v2.0}, else 3
 *   <li>{@code region}, {@code interface} (public, internal or admin; default public): which
 *       catalog endpoints to use
 *   <li>{@code imageApiVersion}: {@code 2}, {@code 1}, or {@code auto} (v2, v1 when the cloud does
 *       not serve v2)
 *   <li>{@code imageUpload}: {@code upload} (stream the file, the default) or {@code web-download}
 *       (the cloud fetches the published URL); without a file the URL is always used
 *   <li>{@code diskFormat} (default: the image's format), {@code containerFormat} (bare), {@code
 *       visibility} (private)
 *   <li>{@code floatingIp} ({@code true} to attach one to every instance; by default only when the
 *       deployment asks), {@code floatingIpPool}: the external network to take it from (default:
 *       the only external network)
 *   <li>{@code configDrive} (default true), {@code sshPort} (22)
 *   <li>{@code pollInterval} (5s), {@code requestTimeout} (60s)
 * </ul>
 */
record OpenStackSettings(
    String cloud,
    String authUrl,
    boolean identityV2,
    String region,
    String endpointInterface,
    String imageApiVersion,
    boolean webDownload,
    String diskFormat,
    String containerFormat,
    String visibility,
    String flavor,
    String network,
    boolean alwaysFloatingIp,
    String floatingIpPool,
    boolean configDrive,
    int sshPort,
    Duration pollInterval,
    Duration requestTimeout) {

  static final Set<String> OPTIONS =
      Set.of(
          "identityApiVersion",
          "region",
          "interface",
          "imageApiVersion",
          "imageUpload",
          "diskFormat",
          "containerFormat",
          "visibility",
          "floatingIp",
          "floatingIpPool",
          "configDrive",
          "sshPort",
          "pollInterval",
          "requestTimeout");

  /**
   * @throws IllegalArgumentException naming the cloud and the setting that is wrong
   */
  static OpenStackSettings from(CloudSettings s) {
    String cloud = "cloud " + s.name();
    if (s.endpoint() == null || !s.endpoint().matches("https?://.+")) {
      throw new IllegalArgumentException(
          cloud
              + ": endpoint must be the Keystone URL (http[s]://host:5000/v3), not "
              + s.endpoint());
    }
    for (String key : s.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException(
            cloud
                + ": unknown openstack option "
                + key
                + " (known: "
                + new TreeSet<>(OPTIONS)
                + ")");
      }
    }
    String authUrl = s.endpoint().replaceAll("/+$", "");
    String identity = s.option("identityApiVersion", authUrl.endsWith("/v2.0") ? "2.0" : "3");
    if (!Set.of("2", "2.0", "3").contains(identity)) {
      throw new IllegalArgumentException(cloud + ": identityApiVersion must be 3 or 2.0");
    }
    String endpointInterface = s.option("interface", "public").toLowerCase(Locale.ROOT);
    if (!Set.of("public", "internal", "admin").contains(endpointInterface)) {
      throw new IllegalArgumentException(cloud + ": interface must be public, internal or admin");
    }
    String image = s.option("imageApiVersion", "auto");
    if (!Set.of("auto", "1", "2").contains(image)) {
      throw new IllegalArgumentException(cloud + ": imageApiVersion must be 2, 1 or auto");
    }
    String upload = s.option("imageUpload", "upload");
    if (!Set.of("upload", "web-download").contains(upload)) {
      throw new IllegalArgumentException(cloud + ": imageUpload must be upload or web-download");
    }
    return new OpenStackSettings(
        s.name(),
        authUrl,
        !identity.equals("3"),
        s.option("region", null),
        endpointInterface,
        image,
        upload.equals("web-download"),
        s.option("diskFormat", null),
        s.option("containerFormat", "bare"),
        s.option("visibility", "private"),
        s.flavor(),
        s.network(),
        bool(cloud, "floatingIp", s.option("floatingIp", "false")),
        s.option("floatingIpPool", null),
        bool(cloud, "configDrive", s.option("configDrive", "true")),
        port(cloud, s.option("sshPort", "22")),
        duration(cloud, "pollInterval", s.option("pollInterval", "5s")),
        duration(cloud, "requestTimeout", s.option("requestTimeout", "60s")));
  }

  private static boolean bool(String cloud, String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new IllegalArgumentException(cloud + ": " + key + " must be true or false");
    };
  }

  private static int port(String cloud, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(cloud + ": sshPort must be a TCP port, not " + value);
  }

  private static Duration duration(String cloud, String key, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(cloud + ": " + key + ": " + e.getMessage(), e);
    }
  }
}
