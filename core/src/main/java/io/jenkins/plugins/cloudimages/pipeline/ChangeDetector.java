package io.jenkins.plugins.cloudimages.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.release.GitException;
import io.jenkins.plugins.cloudimages.release.GitRepository;
import io.jenkins.plugins.cloudimages.release.ReleaseMarker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a push rebuilds. An image is rebuilt, for each arch its metadata lists, when a
 * commit of the push changed its kickstart, its metadata file, or a file its kickstart includes
 * (transitively). Commits whose subject starts with {@code RELEASEABLE } count for nothing, so a
 * release never triggers a build. Kickstarts gone at the new revision are not rebuilt.
 *
 * <p>A kickstart is a {@code .ks} file, or a {@code .cfg} file with a metadata file beside it;
 * {@code X.json} beside {@code X.ks} is its metadata, whose {@code arch} (or {@code arches}) is a
 * string or a list. Without one, the arch named in the file name is used, else x86_64.
 */
public final class ChangeDetector {
  static final List<String> KNOWN_ARCHES =
      List.of("i386", "i686", "x86_64", "aarch64", "ppc64le", "ppc64", "s390x", "armhfp");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final GitRepository repository;

  public ChangeDetector(GitRepository repository) {
    this.repository = repository;
  }

  /**
   * The images to rebuild for a push from {@code from} to {@code to}. A null or all-zero {@code
   * from} (a new branch) counts the commits no other branch has.
   */
  public List<ImageToBuild> detect(String from, String to) throws GitException {
    Map<String, String> changed = changedPaths(from, to);
    if (changed.isEmpty()) {
      return List.of();
    }
    List<String> files = repository.listFiles(to);
    Set<String> present = new HashSet<>(files);
    List<ImageToBuild> images = new ArrayList<>();
    for (String kickstart : kickstarts(files, present)) {
      List<String> reasons = reasons(kickstart, changed, present, to);
      if (!reasons.isEmpty()) {
        images.addAll(imagesOf(kickstart, String.join("; ", reasons), to));
      }
    }
    return images;
  }

  /** Every path a counted commit touched, with the first such commit ("abc12345 Subject"). */
  private Map<String, String> changedPaths(String from, String to) throws GitException {
    Map<String, String> changed = new LinkedHashMap<>();
    for (GitRepository.Commit commit : repository.commits(from, to)) {
      if (commit.subject().startsWith(ReleaseMarker.RELEASEABLE)) {
        continue;
      }
      String label = commit.id().substring(0, 8) + " " + commit.subject();
      for (GitRepository.FileChange change : commit.changes()) {
        changed.putIfAbsent(change.path(), label);
      }
    }
    return changed;
  }

  private static List<String> kickstarts(List<String> files, Set<String> present) {
    return files.stream()
        .filter(
            path ->
                path.endsWith(".ks")
                    || path.endsWith(".cfg") && present.contains(metadataPath(path)))
        .sorted()
        .toList();
  }

  static String metadataPath(String kickstart) {
    int dot = kickstart.lastIndexOf('.');
    return kickstart.substring(0, dot) + ".json";
  }

  private List<String> reasons(
      String kickstart, Map<String, String> changed, Set<String> present, String to)
      throws GitException {
    List<String> reasons = new ArrayList<>();
    if (changed.containsKey(kickstart)) {
      reasons.add("kickstart changed (" + changed.get(kickstart) + ")");
    }
    String metadata = metadataPath(kickstart);
    if (changed.containsKey(metadata) && present.contains(metadata)) {
      reasons.add("metadata " + metadata + " changed (" + changed.get(metadata) + ")");
    }
    for (String included : includeClosure(kickstart, present, to)) {
      if (changed.containsKey(included)) {
        reasons.add("included " + included + " changed (" + changed.get(included) + ")");
      }
    }
    return reasons;
  }

  /** The files the kickstart includes, and those they include, that exist in the repository. */
  private Set<String> includeClosure(String kickstart, Set<String> present, String to)
      throws GitException {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(kickstart));
    while (!pending.isEmpty()) {
      String file = pending.pop();
      Optional<byte[]> text = repository.readFile(to, file);
      if (text.isEmpty()) {
        continue;
      }
      for (String included :
          KickstartIncludes.of(file, new String(text.get(), StandardCharsets.UTF_8))) {
        if (present.contains(included) && !included.equals(kickstart) && seen.add(included)) {
          pending.push(included);
        }
      }
    }
    return seen;
  }

  private List<ImageToBuild> imagesOf(String kickstart, String reason, String to)
      throws GitException {
    String base = baseName(kickstart);
    List<String> arches = new ArrayList<>();
    String note = "";
    Optional<byte[]> metadata = repository.readFile(to, metadataPath(kickstart));
    if (metadata.isPresent()) {
      try {
        arches.addAll(arches(MAPPER.readTree(metadata.get())));
      } catch (IOException e) {
        note = " (metadata unreadable, arch taken from the file name)";
      }
    }
    if (arches.isEmpty()) {
      arches.add(archInName(base).orElse("x86_64"));
    }
    List<ImageToBuild> images = new ArrayList<>();
    for (String arch : arches) {
      images.add(
          new ImageToBuild(imageName(base, arch, arches.size()), kickstart, arch, reason + note));
    }
    return images;
  }

  /** The {@code arch} or {@code arches} of a metadata document, as a string or a list. */
  static List<String> arches(JsonNode metadata) {
    JsonNode node = metadata.has("arch") ? metadata.get("arch") : metadata.get("arches");
    List<String> arches = new ArrayList<>();
    if (node == null) {
      return arches;
    }
    if (node.isArray()) {
      node.forEach(element -> addArch(arches, element.asText("")));
    } else {
      addArch(arches, node.asText(""));
    }
    return arches;
  }

  private static void addArch(List<String> arches, String arch) {
    String trimmed = arch.strip();
    if (!trimmed.isEmpty() && !arches.contains(trimmed)) {
      arches.add(trimmed);
    }
  }

  private static String baseName(String kickstart) {
    String file = kickstart.substring(kickstart.lastIndexOf('/') + 1);
    return file.substring(0, file.lastIndexOf('.'));
  }

  private static Optional<String> archInName(String base) {
    for (String part : base.split("-")) {
      if (KNOWN_ARCHES.contains(part)) {
        return Optional.of(part);
      }
    }
    return Optional.empty();
  }

  /**
   * The image name for one arch: the kickstart's name with its arch part replaced ({@code
   * CentOS-7-x86_64-GenericCloud} for i386 is {@code CentOS-7-i386-GenericCloud}); a name without
   * an arch part gets {@code -<arch>} appended when the metadata lists several.
   */
  static String imageName(String base, String arch, int archCount) {
    String[] parts = base.split("-");
    for (int i = 0; i < parts.length; i++) {
      if (KNOWN_ARCHES.contains(parts[i])) {
        parts[i] = arch;
        return String.join("-", parts);
      }
    }
    return archCount > 1 ? base + "-" + arch : base;
  }
}
