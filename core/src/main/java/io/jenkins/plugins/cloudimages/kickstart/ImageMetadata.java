package io.jenkins.plugins.cloudimages.kickstart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The metadata of one image, {@code X.json} beside {@code X.ks}; the schema is described in
 * kickstarts/README.md. The values are read from {@link #document()}, which keeps every key
 * (unknown ones too) in its order, so that {@link #withRelease} and {@link MetadataFiles#write}
 * change only what they mean to.
 *
 * @param file the metadata file
 * @param name image name, e.g. {@code CentOS-6-x86_64-GenericCloud}
 * @param release the CentOS release, e.g. {@code 6}
 * @param arches the architectures built
 * @param variant e.g. {@code GenericCloud}; null when not given
 * @param syntax the kickstart syntax version; null when the metadata does not name one
 * @param formats image formats to produce: raw, qcow2, vmdk, vhdx, tar.xz
 * @param diskSizeMib the disk size in MiB
 * @param builder how the image is built
 * @param clouds the clouds to test on
 * @param tfunctional which t_functional tests to run
 * @param releases the released images, oldest first
 * @param document the whole JSON document
 */
public record ImageMetadata(
    Path file,
    String name,
    String release,
    List<String> arches,
    String variant,
    SyntaxVersion syntax,
    List<String> formats,
    long diskSizeMib,
    Builder builder,
    List<String> clouds,
    TFunctionalSelection tfunctional,
    List<ReleaseRecord> releases,
    ObjectNode document) {

  public static final List<String> ARCHES = List.of("i386", "x86_64", "aarch64", "ppc64le");
  public static final List<String> FORMATS = List.of("raw", "qcow2", "vmdk", "vhdx", "tar.xz");

  public ImageMetadata {
    arches = List.copyOf(arches);
    formats = List.copyOf(formats);
    clouds = List.copyOf(clouds);
    releases = List.copyOf(releases);
    document = document.deepCopy();
  }

  /** A copy: the document is mutable. */
  @Override
  public ObjectNode document() {
    return document.deepCopy();
  }

  public Optional<SyntaxVersion> syntaxVersion() {
    return Optional.ofNullable(syntax);
  }

  /** This metadata with one more entry at the end of {@code releases}; the rest is unchanged. */
  public ImageMetadata withRelease(ReleaseRecord release) {
    ObjectNode copy = document.deepCopy();
    ArrayNode list =
        copy.get("releases") instanceof ArrayNode existing ? existing : copy.putArray("releases");
    list.add(release.toJson());
    List<ReleaseRecord> all = new java.util.ArrayList<>(releases);
    all.add(release);
    return new ImageMetadata(
        file,
        name,
        this.release,
        arches,
        variant,
        syntax,
        formats,
        diskSizeMib,
        builder,
        clouds,
        tfunctional,
        all,
        copy);
  }

  /** The image builder backends. */
  public enum Builder {
    INSTALLROOT("installroot"),
    VIRT_INSTALL("virt-install"),
    LIVEMEDIA_CREATOR("livemedia-creator");

    private final String label;

    Builder(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Optional<Builder> of(String label) {
      for (Builder builder : values()) {
        if (builder.label.equals(label)) {
          return Optional.of(builder);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Which t_functional tests to run.
   *
   * @param tests test directories under {@code tests/} ({@code 0_common}, {@code p_openssh} ...);
   *     empty means all
   * @param skip test paths never run on this image
   * @param skipFile a skip list ({@code <release>|<path>|<reason>} lines), relative to the metadata
   *     file; null when there is none
   * @param timeout the time budget of the whole run
   */
  public record TFunctionalSelection(
      List<String> tests, List<String> skip, Path skipFile, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public TFunctionalSelection {
      tests = List.copyOf(tests);
      skip = List.copyOf(skip);
    }

    public static TFunctionalSelection all() {
      return new TFunctionalSelection(List.of(), List.of(), null, DEFAULT_TIMEOUT);
    }
  }

  /**
   * One released image, as the release stage appends it.
   *
   * @param image the image file name
   * @param sha256 its SHA-256, 64 hex digits
   * @param url where it is published
   * @param kickstartCommit the commit of the kickstart it was built from
   * @param build the build URL or id
   * @param clouds the clouds it was tested on
   * @param tfunctional the test summary
   * @param time when it was released
   * @param comment a free comment; may be empty
   */
  public record ReleaseRecord(
      String image,
      String sha256,
      String url,
      String kickstartCommit,
      String build,
      List<String> clouds,
      TestSummary tfunctional,
      Instant time,
      String comment) {
    public ReleaseRecord {
      clouds = List.copyOf(clouds);
    }

    /** The entry as written in the metadata file, keys in schema order. */
    public ObjectNode toJson() {
      ObjectNode entry = JsonNodeFactory.instance.objectNode();
      entry.put("image", image);
      entry.put("sha256", sha256);
      entry.put("url", url);
      entry.put("kickstart_commit", kickstartCommit);
      entry.put("build", build);
      ArrayNode list = entry.putArray("clouds");
      clouds.forEach(list::add);
      ObjectNode tests = entry.putObject("tfunctional");
      tests.put("tests", tfunctional.tests());
      tests.put("failures", tfunctional.failures());
      tests.put("skipped", tfunctional.skipped());
      tests.put("duration", tfunctional.duration().toSeconds());
      entry.put("time", time.toString());
      entry.put("comment", comment);
      return entry;
    }
  }

  /**
   * A t_functional run's summary.
   *
   * @param tests test files run
   * @param failures failed test files
   * @param skipped skipped test files
   * @param duration how long the run took (whole seconds in the file)
   */
  public record TestSummary(int tests, int failures, int skipped, Duration duration) {}
}
