package io.jenkins.plugins.cloudimages.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The images already built or published: the build-info files in the output folder and in any
 * published index folders. Finds an image to reuse and the next free build number of a day.
 */
final class BuildIndex {
  static final String BUILD_INFO_SUFFIX = ".build-info.json";
  private final List<Path> folders;

  BuildIndex(Path outputDirectory, List<Path> publishedIndexes) {
    this.folders = new ArrayList<>();
    folders.add(outputDirectory);
    folders.addAll(publishedIndexes);
  }

  /** An earlier build with this input digest whose images of every requested format exist. */
  Optional<Path> reusable(String inputDigest, java.util.Set<ImageFormat> formats)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    for (Path info : buildInfos()) {
      JsonNode node;
      try {
        node = mapper.readTree(info.toFile());
      } catch (IOException unreadable) {
        continue;
      }
      if (!inputDigest.equals(node.path("inputDigest").asText())) {
        continue;
      }
      List<String> present = new ArrayList<>();
      for (JsonNode image : node.path("images")) {
        if (Files.isRegularFile(info.resolveSibling(image.path("file").asText()))) {
          present.add(image.path("format").asText());
        }
      }
      if (formats.stream().allMatch(f -> present.contains(f.extension()))) {
        return Optional.of(info);
      }
    }
    return Optional.empty();
  }

  /** The next build number for this image and day: one more than the highest in any folder. */
  int nextNumber(ImageIdentity identity, LocalDate day) throws IOException {
    String prefix = identity.versionedName(day, 0);
    Pattern numbered =
        Pattern.compile(Pattern.quote(prefix.substring(0, prefix.length() - 2)) + "(\\d{2,})\\..*");
    int highest = 0;
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.toList()) {
          Matcher m = numbered.matcher(file.getFileName().toString().replaceFirst("^\\.", ""));
          if (m.matches()) {
            highest = Math.max(highest, Integer.parseInt(m.group(1)));
          }
        }
      }
    }
    return highest + 1;
  }

  private List<Path> buildInfos() throws IOException {
    List<Path> infos = new ArrayList<>();
    for (Path folder : folders) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          files
              .filter(f -> f.getFileName().toString().endsWith(BUILD_INFO_SUFFIX))
              .sorted()
              .forEach(infos::add);
        }
      }
    }
    return infos;
  }
}
