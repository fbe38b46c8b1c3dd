package io.jenkins.plugins.cloudimages.build;

import java.util.ArrayList;
import java.util.List;

/** One package of an image's rpm database. */
record InstalledPackage(
    String name,
    String epoch,
    String version,
    String release,
    String arch,
    String license,
    String vendor,
    String url) {

  /** The query format that {@link #parse} reads: tab-separated fields, one package a line. */
  static final String QUERY_FORMAT =
      "%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{LICENSE}\\t%{VENDOR}\\t%{URL}\\n";

  static List<InstalledPackage> parse(String output) {
    List<InstalledPackage> packages = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 8) {
        packages.add(
            new InstalledPackage(
                f[0], none(f[1]), f[2], f[3], f[4], none(f[5]), none(f[6]), none(f[7])));
      }
    }
    packages.sort(java.util.Comparator.comparing(InstalledPackage::nevra));
    return packages;
  }

  private static String none(String value) {
    return value.equals("(none)") ? "" : value;
  }

  /** {@code name-[epoch:]version-release.arch}, as {@code rpm -qa} prints it. */
  String nevra() {
    return name + "-" + (epoch.isEmpty() ? "" : epoch + ":") + version + "-" + release + "." + arch;
  }

  /** Package URL (purl) of an rpm. */
  String purl(String namespace) {
    return "pkg:rpm/"
        + namespace
        + "/"
        + name
        + "@"
        + version
        + "-"
        + release
        + "?arch="
        + arch
        + (epoch.isEmpty() ? "" : "&epoch=" + epoch);
  }
}
