package io.jenkins.plugins.cloudimages.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a kickstart pulls in with {@code %include} or {@code %ksappend}, as paths in the
 * repository (relative paths resolve against the kickstart's folder). Absolute paths (files a
 * {@code %pre} script writes, like {@code /tmp/part-include}) and URLs are not in the repository
 * and are left out.
 */
public final class KickstartIncludes {
  private static final Pattern INCLUDE =
      Pattern.compile("^\\s*%(?:include|ksappend)\\s+(\\S+)", Pattern.MULTILINE);

  private KickstartIncludes() {}

  /** Included paths of the kickstart at {@code kickstartPath} whose text is {@code text}. */
  public static List<String> of(String kickstartPath, String text) {
    List<String> paths = new ArrayList<>();
    Matcher matcher = INCLUDE.matcher(text);
    while (matcher.find()) {
      resolve(kickstartPath, unquote(matcher.group(1))).ifPresent(paths::add);
    }
    return paths;
  }

  private static String unquote(String word) {
    if (word.length() >= 2
        && (word.startsWith("\"") && word.endsWith("\"")
            || word.startsWith("'") && word.endsWith("'"))) {
      return word.substring(1, word.length() - 1);
    }
    return word;
  }

  /** A path relative to the kickstart's folder, normalised; empty when outside the repository. */
  static Optional<String> resolve(String kickstartPath, String included) {
    if (included.startsWith("/") || included.contains("://") || included.contains("$")) {
      return Optional.empty();
    }
    int slash = kickstartPath.lastIndexOf('/');
    String folder = slash < 0 ? "" : kickstartPath.substring(0, slash + 1);
    List<String> parts = new ArrayList<>();
    for (String part : (folder + included).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
  }
}
