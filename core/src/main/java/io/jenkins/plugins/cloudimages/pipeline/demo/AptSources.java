package io.jenkins.plugins.cloudimages.pipeline.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Debian mirror apt on this machine uses, for debootstrap's one download. */
final class AptSources {
  static final String FALLBACK = "http://deb.debian.org/debian";

  private AptSources() {}

  static String debianMirror() {
    return debianMirror(Path.of("/etc/apt"));
  }

  /** The first main archive URL in sources.list or sources.list.d (one-line or deb822 form). */
  static String debianMirror(Path aptDir) {
    List<Path> files = new ArrayList<>();
    files.add(aptDir.resolve("sources.list"));
    try (var parts = Files.list(aptDir.resolve("sources.list.d"))) {
      parts
          .filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources"))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      // no sources.list.d: only sources.list
    }
    for (Path file : files) {
      Optional<String> url = mainArchive(file);
      if (url.isPresent()) {
        return url.get();
      }
    }
    return FALLBACK;
  }

  private static Optional<String> mainArchive(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    for (String raw : lines) {
      String line = raw.strip();
      String url = null;
      if (line.startsWith("deb ")) {
        String[] words = line.replaceFirst("\\[[^]]*]\\s*", "").split("\\s+");
        url = words.length > 1 ? words[1] : null;
      } else if (line.startsWith("URIs:")) {
        url = line.substring("URIs:".length()).strip().split("\\s+")[0];
      }
      if (url != null && url.startsWith("http") && url.replaceAll("/+$", "").endsWith("/debian")) {
        return Optional.of(url);
      }
    }
    return Optional.empty();
  }
}
