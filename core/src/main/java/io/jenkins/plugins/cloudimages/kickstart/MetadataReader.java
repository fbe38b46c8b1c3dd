package io.jenkins.plugins.cloudimages.kickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates one metadata document against the schema of kickstarts/README.md, collecting every
 * problem with its line rather than stopping at the first. The keys of the 2014 SIG tooling ({@code
 * distro}, {@code type}, {@code extra.disk_type}, {@code extra.disk_size} ...) are accepted: they
 * fill in the schema's keys when those are absent.
 */
final class MetadataReader {
  static final List<String> KEYS =
      List.of(
          "name",
          "release",
          "arch",
          "variant",
          "syntax",
          "formats",
          "disk_size",
          "builder",
          "clouds",
          "tfunctional",
          "releases");
  static final List<String> LEGACY_KEYS =
      List.of(
          "script",
          "distro",
          "schedule",
          "update",
          "notify_u",
          "notify_e",
          "image_tag",
          "type",
          "extra");
  private static final List<String> TFUNCTIONAL_KEYS = List.of("tests", "skip", "timeout");
  private static final List<String> RELEASE_KEYS =
      List.of(
          "image",
          "sha256",
          "url",
          "kickstart_commit",
          "build",
          "clouds",
          "tfunctional",
          "time",
          "comment");
  private static final Pattern IMAGE_NAME =
      Pattern.compile("CentOS-([0-9]+(?:\\.[0-9]+)?)-([a-z0-9_]+)-(.+)");
  private static final Pattern RELEASE = Pattern.compile("[0-9]+(\\.[0-9]+)*");
  private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(G|GB|GiB|M|MB|MiB)?");
  private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(s|m|min|h)?");
  private static final Pattern CLOUD = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final long DEFAULT_DISK_MIB = 8 * 1024;

  private final Path file;
  private final LocatedJson json;
  private final List<Problem> problems = new ArrayList<>();

  MetadataReader(Path file, LocatedJson json) {
    this.file = file;
    this.json = json;
  }

  MetadataFiles.Result read() {
    if (!(json.root() instanceof ObjectNode root)) {
      error("", "the metadata must be a JSON object ({...})");
      return new MetadataFiles.Result(Optional.empty(), problems);
    }
    warnAboutLikelyTypos(root, "", KEYS, LEGACY_KEYS);
    String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
    String name = text(root, "name").orElse(stem);
    if (!name.equals(stem)) {
      warning("/name", "name '" + name + "' differs from the file name '" + stem + "'");
    }
    Matcher fromName = IMAGE_NAME.matcher(name);
    boolean conventional = fromName.matches();

    String release = release(root).orElse(conventional ? fromName.group(1) : null);
    if (release == null) {
      error("", "missing key 'release' (the CentOS release, e.g. \"6\")");
    } else if (conventional && !release.equals(fromName.group(1))) {
      error("/release", "release '" + release + "' does not match the name '" + name + "'");
    }
    List<String> arches =
        textList(root, "arch", true).orElse(List.of(conventional ? fromName.group(2) : "x86_64"));
    for (int i = 0; i < arches.size(); i++) {
      if (!ImageMetadata.ARCHES.contains(arches.get(i))) {
        error(
            "/arch/" + i,
            "unknown arch '"
                + arches.get(i)
                + "'; one of "
                + String.join(", ", ImageMetadata.ARCHES));
      }
    }
    if (arches.isEmpty()) {
      error("/arch", "'arch' must name at least one architecture");
    } else if (conventional && !arches.contains(fromName.group(2))) {
      error(
          "/arch",
          "arch "
              + arches
              + " does not include '"
              + fromName.group(2)
              + "' of the name '"
              + name
              + "'");
    }
    String variant = text(root, "variant").orElse(conventional ? fromName.group(3) : null);
    if (conventional && variant != null && !variant.equals(fromName.group(3))) {
      error("/variant", "variant '" + variant + "' does not match the name '" + name + "'");
    }
    SyntaxVersion syntax = syntax(root);
    List<String> formats = formats(root);
    long diskSizeMib = diskSize(root);
    ImageMetadata.Builder builder = builder(root);
    List<String> clouds = textList(root, "clouds", false).orElse(List.of());
    for (int i = 0; i < clouds.size(); i++) {
      if (!CLOUD.matcher(clouds.get(i)).matches()) {
        error(
            "/clouds/" + i,
            "cloud name '" + clouds.get(i) + "' must be lower case letters, digits, '-' or '_'");
      }
    }
    ImageMetadata.TFunctionalSelection tfunctional = tfunctional(root);
    List<ImageMetadata.ReleaseRecord> releases = releases(root);

    boolean usable = true;
    for (Problem problem : problems) {
      usable &= !problem.isError();
    }
    Optional<ImageMetadata> metadata =
        usable
            ? Optional.of(
                new ImageMetadata(
                    file,
                    name,
                    release,
                    arches,
                    variant,
                    syntax,
                    formats,
                    diskSizeMib,
                    builder,
                    clouds,
                    tfunctional,
                    releases,
                    root))
            : Optional.empty();
    return new MetadataFiles.Result(metadata, problems);
  }

  private Optional<String> release(ObjectNode root) {
    JsonNode node = root.get("release");
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String value = node.isIntegralNumber() || node.isTextual() ? node.asText() : null;
    if (value == null || !RELEASE.matcher(value).matches()) {
      error("/release", "'release' must be a release number such as \"6\" or \"6.5\"");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private SyntaxVersion syntax(ObjectNode root) {
    Optional<String> value = text(root, "syntax");
    if (value.isEmpty()) {
      return null;
    }
    Optional<SyntaxVersion> syntax = SyntaxVersion.parse(value.get());
    if (syntax.isEmpty()) {
      error(
          "/syntax",
          "unknown syntax version '"
              + value.get()
              + "'; one of "
              + List.of(SyntaxVersion.values()));
    }
    return syntax.orElse(null);
  }

  private List<String> formats(ObjectNode root) {
    String pointer = "/formats";
    List<String> formats = textList(root, "formats", true).orElse(null);
    if (formats == null && root.path("extra").path("disk_type").isTextual()) {
      pointer = "/extra/disk_type";
      formats = List.of(root.path("extra").path("disk_type").asText());
    }
    if (formats == null) {
      return List.of("qcow2");
    }
    for (int i = 0; i < formats.size(); i++) {
      if (!ImageMetadata.FORMATS.contains(formats.get(i))) {
        error(
            pointer.equals("/formats") ? pointer + "/" + i : pointer,
            "unknown image format '"
                + formats.get(i)
                + "'; one of "
                + String.join(", ", ImageMetadata.FORMATS));
      }
    }
    if (formats.isEmpty()) {
      error(pointer, "'formats' must name at least one image format");
    }
    return formats;
  }

  private long diskSize(ObjectNode root) {
    String pointer = root.has("disk_size") ? "/disk_size" : "/extra/disk_size";
    JsonNode node = json.root().at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      return DEFAULT_DISK_MIB;
    }
    Matcher size =
        SIZE.matcher(node.isIntegralNumber() || node.isTextual() ? node.asText().trim() : "");
    if (!size.matches() || Long.parseLong(size.group(1)) == 0) {
      error(
          pointer,
          "disk size must be a positive whole number of GiB (10) or a size such as \"10G\" or \"8192M\"");
      return DEFAULT_DISK_MIB;
    }
    long amount = Long.parseLong(size.group(1));
    boolean mebibytes = size.group(2) != null && size.group(2).startsWith("M");
    return mebibytes ? amount : amount * 1024;
  }

  private ImageMetadata.Builder builder(ObjectNode root) {
    Optional<String> value = text(root, "builder");
    if (value.isPresent()) {
      Optional<ImageMetadata.Builder> builder = ImageMetadata.Builder.of(value.get());
      if (builder.isEmpty()) {
        error(
            "/builder",
            "unknown builder '"
                + value.get()
                + "'; one of installroot, virt-install, livemedia-creator");
      }
      return builder.orElse(ImageMetadata.Builder.INSTALLROOT);
    }
    return "kvm".equals(root.path("type").asText())
        ? ImageMetadata.Builder.VIRT_INSTALL
        : ImageMetadata.Builder.INSTALLROOT;
  }

  private ImageMetadata.TFunctionalSelection tfunctional(ObjectNode root) {
    JsonNode node = root.get("tfunctional");
    if (node == null || node.isNull()) {
      return ImageMetadata.TFunctionalSelection.all();
    }
    if (!(node instanceof ObjectNode object)) {
      error(
          "/tfunctional",
          "'tfunctional' must be an object such as {\"tests\": [\"0_common\"], \"timeout\": \"30m\"}");
      return ImageMetadata.TFunctionalSelection.all();
    }
    warnAboutLikelyTypos(object, "/tfunctional", TFUNCTIONAL_KEYS, List.of());
    List<String> tests = textList(object, "tests", "/tfunctional/tests", false).orElse(List.of());
    List<String> skip = List.of();
    Path skipFile = null;
    JsonNode skipNode = object.get("skip");
    if (skipNode != null && skipNode.isTextual()) {
      skipFile = file.resolveSibling(skipNode.asText());
    } else {
      skip = textList(object, "skip", "/tfunctional/skip", false).orElse(List.of());
    }
    Duration timeout = ImageMetadata.TFunctionalSelection.DEFAULT_TIMEOUT;
    JsonNode timeoutNode = object.get("timeout");
    if (timeoutNode != null) {
      Matcher m =
          DURATION.matcher(
              timeoutNode.isIntegralNumber() || timeoutNode.isTextual()
                  ? timeoutNode.asText().trim()
                  : "");
      if (m.matches() && Long.parseLong(m.group(1)) > 0) {
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        timeout =
            switch (unit) {
              case "h" -> Duration.ofHours(amount);
              case "m", "min" -> Duration.ofMinutes(amount);
              default -> Duration.ofSeconds(amount);
            };
      } else {
        error(
            "/tfunctional/timeout",
            "'timeout' must be positive seconds (1800) or a duration such as \"30m\" or \"1h\"");
      }
    }
    return new ImageMetadata.TFunctionalSelection(tests, skip, skipFile, timeout);
  }

  private List<ImageMetadata.ReleaseRecord> releases(ObjectNode root) {
    JsonNode node = root.get("releases");
    List<ImageMetadata.ReleaseRecord> releases = new ArrayList<>();
    if (node == null || node.isNull()) {
      return releases;
    }
    if (!node.isArray()) {
      error("/releases", "'releases' must be a list of release entries");
      return releases;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = "/releases/" + i;
      if (!(node.get(i) instanceof ObjectNode entry)) {
        error(at, "a release entry must be an object");
        continue;
      }
      warnAboutLikelyTypos(entry, at, RELEASE_KEYS, List.of());
      String image = required(entry, at, "image");
      String sha256 = required(entry, at, "sha256");
      if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
        error(at + "/sha256", "'sha256' must be 64 lower-case hex digits");
      }
      String commit = text(entry, "kickstart_commit", at + "/kickstart_commit").orElse(null);
      if (commit != null && !commit.matches("[0-9a-f]{7,40}")) {
        error(
            at + "/kickstart_commit",
            "'kickstart_commit' must be a git commit id (7 to 40 hex digits)");
      }
      Instant time = time(entry, at);
      releases.add(
          new ImageMetadata.ReleaseRecord(
              image,
              sha256,
              text(entry, "url", at + "/url").orElse(null),
              commit,
              text(entry, "build", at + "/build").orElse(null),
              textList(entry, "clouds", at + "/clouds", false).orElse(List.of()),
              testSummary(entry, at),
              time,
              text(entry, "comment", at + "/comment").orElse("")));
    }
    return releases;
  }

  private Instant time(ObjectNode entry, String at) {
    String value = required(entry, at, "time");
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      error(at + "/time", "'time' must be an ISO 8601 time with offset, e.g. 2014-07-25T10:00:00Z");
      return null;
    }
  }

  private ImageMetadata.TestSummary testSummary(ObjectNode entry, String at) {
    JsonNode node = entry.get("tfunctional");
    if (node == null || node.isNull()) {
      return null;
    }
    String pointer = at + "/tfunctional";
    if (!node.isObject()) {
      error(pointer, "'tfunctional' must be an object {tests, failures, skipped, duration}");
      return null;
    }
    int[] counts = new int[3];
    String[] keys = {"tests", "failures", "skipped"};
    for (int k = 0; k < keys.length; k++) {
      JsonNode count = node.get(keys[k]);
      if (count != null
          && !(count.canConvertToInt() && count.isIntegralNumber() && count.asInt() >= 0)) {
        error(pointer + "/" + keys[k], "'" + keys[k] + "' must be a whole number, 0 or more");
      } else if (count != null) {
        counts[k] = count.asInt();
      }
    }
    JsonNode duration = node.get("duration");
    long seconds = 0;
    if (duration != null && !(duration.isNumber() && duration.asDouble() >= 0)) {
      error(pointer + "/duration", "'duration' must be seconds, 0 or more");
    } else if (duration != null) {
      seconds = Math.round(duration.asDouble());
    }
    return new ImageMetadata.TestSummary(
        counts[0], counts[1], counts[2], Duration.ofSeconds(seconds));
  }

  private String required(ObjectNode object, String at, String key) {
    Optional<String> value = text(object, key, at + "/" + key);
    if (value.isEmpty() && !object.has(key)) {
      error(at, "missing key '" + key + "'");
    }
    return value.orElse(null);
  }

  private Optional<String> text(ObjectNode object, String key) {
    return text(object, key, "/" + key);
  }

  private Optional<String> text(ObjectNode object, String key, String pointer) {
    JsonNode node = object.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      error(pointer, "'" + key + "' must be a string");
      return Optional.empty();
    }
    return Optional.of(node.asText());
  }

  private Optional<List<String>> textList(ObjectNode object, String key, boolean singleAllowed) {
    return textList(object, key, "/" + key, singleAllowed);
  }

  private Optional<List<String>> textList(
      ObjectNode object, String key, String pointer, boolean singleAllowed) {
    JsonNode node = object.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (singleAllowed && node.isTextual()) {
      return Optional.of(List.of(node.asText()));
    }
    if (!node.isArray()) {
      error(pointer, "'" + key + "' must be a list of strings, e.g. [\"x86_64\"]");
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (node.get(i).isTextual()) {
        values.add(node.get(i).asText());
      } else {
        error(pointer + "/" + i, "'" + key + "' must hold strings only");
      }
    }
    return Optional.of(values);
  }

  /** Unknown keys are kept; one that is a near miss of a schema key is probably a typo. */
  private void warnAboutLikelyTypos(
      ObjectNode object, String at, List<String> known, List<String> legacy) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (known.contains(key) || legacy.contains(key)) {
        continue;
      }
      for (String candidate : known) {
        if (distance(key.toLowerCase(Locale.ROOT), candidate) <= 2) {
          warning(at + "/" + key, "unknown key '" + key + "' (did you mean '" + candidate + "'?)");
          break;
        }
      }
    }
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private void error(String pointer, String message) {
    problems.add(
        new Problem(
            file, json.line(pointer), Problem.Severity.ERROR, Problem.Kind.METADATA, message));
  }

  private void warning(String pointer, String message) {
    problems.add(
        new Problem(
            file, json.line(pointer), Problem.Severity.WARNING, Problem.Kind.METADATA, message));
  }
}
