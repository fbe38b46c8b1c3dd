package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one build needs. Make one with {@link #builder(Kickstart, ImageIdentity, Path)}.
 *
 * @param kickstart the parsed, flattened kickstart (must have no errors)
 * @param identity release, arch and variant, for names and the rpmdb format
 * @param outputDirectory where the image files, checksums and build-info land
 * @param workRoot under which each build makes its own unique work directory
 * @param mirrorMap URL prefix rewrites applied to url/repo lines (longest prefix wins)
 * @param formats the image formats to write
 * @param compression optional whole-file compression of every image file
 * @param qcow2Compression {@code zlib} (readable by every qemu) or {@code zstd}
 * @param layout AUTO (a boot loader when the image can have one), partitionless or MBR
 * @param signingKey gpg key id for a detached signature of sha256sum.txt
 * @param metadata the image's metadata JSON, part of the input digest
 * @param publishedIndexes more folders holding build-info files of published images
 * @param backendOptions backend-specific settings ({@code location}, {@code iso} ...)
 * @param timeout the whole build's limit
 * @param inactivity VM backends: kill when nothing was logged for this long
 * @param keepWorkDirectory keep the work directory after the build (for debugging)
 */
public record BuildRequest(
    Kickstart kickstart,
    ImageIdentity identity,
    Path outputDirectory,
    Path workRoot,
    Map<String, String> mirrorMap,
    Set<ImageFormat> formats,
    Compression compression,
    String qcow2Compression,
    DiskLayout layout,
    Optional<String> signingKey,
    Optional<Path> metadata,
    List<Path> publishedIndexes,
    Map<String, String> backendOptions,
    Duration timeout,
    Duration inactivity,
    boolean keepWorkDirectory) {

  public BuildRequest {
    Objects.requireNonNull(kickstart, "kickstart");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    // tools run from other folders (chroot, dnf --installroot needs an absolute path)
    outputDirectory = outputDirectory.toAbsolutePath().normalize();
    workRoot = workRoot.toAbsolutePath().normalize();
    metadata = metadata.map(p -> p.toAbsolutePath().normalize());
    publishedIndexes = publishedIndexes.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    mirrorMap = Map.copyOf(mirrorMap);
    formats = Set.copyOf(formats);
    publishedIndexes = List.copyOf(publishedIndexes);
    backendOptions = Map.copyOf(backendOptions);
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("no image format asked for");
    }
    if (!qcow2Compression.equals("zlib") && !qcow2Compression.equals("zstd")) {
      throw new IllegalArgumentException(
          "qcow2 compression must be zlib or zstd, not " + qcow2Compression);
    }
  }

  public static Builder builder(Kickstart kickstart, ImageIdentity identity, Path outputDirectory) {
    return new Builder(kickstart, identity, outputDirectory);
  }

  /** Collects the optional settings; defaults: qcow2 with zlib, layout AUTO, 2 h timeout. */
  public static final class Builder {
    private final Kickstart kickstart;
    private final ImageIdentity identity;
    private final Path outputDirectory;
    private Path workRoot;
    private final Map<String, String> mirrorMap = new LinkedHashMap<>();
    private final Set<ImageFormat> formats = new LinkedHashSet<>();
    private Compression compression = Compression.NONE;
    private String qcow2Compression = "zlib";
    private DiskLayout layout = DiskLayout.AUTO;
    private String signingKey;
    private Path metadata;
    private final List<Path> publishedIndexes = new java.util.ArrayList<>();
    private final Map<String, String> backendOptions = new LinkedHashMap<>();
    private Duration timeout = Duration.ofHours(2);
    private Duration inactivity = Duration.ofMinutes(20);
    private boolean keepWorkDirectory;

    private Builder(Kickstart kickstart, ImageIdentity identity, Path outputDirectory) {
      this.kickstart = kickstart;
      this.identity = identity;
      this.outputDirectory = outputDirectory;
    }

    public Builder workRoot(Path value) {
      workRoot = value;
      return this;
    }

    public Builder mirror(String from, String to) {
      mirrorMap.put(from, to);
      return this;
    }

    public Builder mirrorMap(Map<String, String> value) {
      mirrorMap.putAll(value);
      return this;
    }

    public Builder format(ImageFormat value) {
      formats.add(value);
      return this;
    }

    public Builder compression(Compression value) {
      compression = value;
      return this;
    }

    public Builder qcow2Compression(String value) {
      qcow2Compression = value;
      return this;
    }

    public Builder layout(DiskLayout value) {
      layout = value;
      return this;
    }

    public Builder signingKey(String value) {
      signingKey = value;
      return this;
    }

    public Builder metadata(Path value) {
      metadata = value;
      return this;
    }

    public Builder publishedIndex(Path value) {
      publishedIndexes.add(value);
      return this;
    }

    public Builder backendOption(String key, String value) {
      backendOptions.put(key, value);
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public Builder inactivity(Duration value) {
      inactivity = value;
      return this;
    }

    public Builder keepWorkDirectory(boolean value) {
      keepWorkDirectory = value;
      return this;
    }

    public BuildRequest build() {
      Set<ImageFormat> chosen = formats.isEmpty() ? Set.of(ImageFormat.QCOW2) : formats;
      return new BuildRequest(
          kickstart,
          identity,
          outputDirectory,
          workRoot == null ? outputDirectory.resolve(".work") : workRoot,
          mirrorMap,
          chosen,
          compression,
          qcow2Compression,
          layout,
          Optional.ofNullable(signingKey),
          Optional.ofNullable(metadata),
          publishedIndexes,
          backendOptions,
          timeout,
          inactivity,
          keepWorkDirectory);
    }
  }
}
