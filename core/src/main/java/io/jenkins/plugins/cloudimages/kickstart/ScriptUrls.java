package io.jenkins.plugins.cloudimages.kickstart;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the URLs on one line of a shell script: every {@code http://}, {@code https://} and {@code
 * ftp://} URL, plus the scheme-less ones in places that fetch content ({@code baseurl=}, {@code
 * mirrorlist=}, {@code metalink=} lines of repository files written by heredocs, the arguments of
 * {@code curl}, {@code wget} and {@code --add-repo}). Comment lines are skipped: they fetch
 * nothing.
 */
final class ScriptUrls {
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s\"'`<>|;()]+");
  private static final Pattern REPO_FILE_KEY =
      Pattern.compile("^\\s*(?:baseurl|mirrorlist|metalink)\\s*=\\s*(.*)$");
  private static final Pattern HOST_AND_PATH =
      Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(:[0-9]+)?/\\S*");
  private static final Pattern SHELL_SEPARATORS = Pattern.compile("[\\s;|&()`]+");
  private static final Pattern INLINE_COMMENT = Pattern.compile("\\s#");
  private static final Set<String> DOWNLOADERS = Set.of("curl", "wget");

  private ScriptUrls() {}

  static List<String> find(String line) {
    String code = withoutComment(line);
    Set<String> found = new LinkedHashSet<>();
    Matcher url = URL.matcher(code);
    while (url.find()) {
      found.add(trimTrailingPunctuation(url.group()));
    }
    Matcher repoKey = REPO_FILE_KEY.matcher(code);
    if (repoKey.matches()) {
      for (String value : repoKey.group(1).split("[\\s,]+")) {
        addIfSchemeLess(found, value, true);
      }
    }
    findDownloaderArguments(code, found);
    return new ArrayList<>(found);
  }

  private static void findDownloaderArguments(String code, Set<String> found) {
    String[] words = SHELL_SEPARATORS.split(code.replaceAll("[\"']", " "));
    boolean inDownloader = false;
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      String command = word.substring(word.lastIndexOf('/') + 1);
      if (DOWNLOADERS.contains(command)) {
        inDownloader = true;
      } else if (word.equals("--add-repo") && i + 1 < words.length) {
        addIfSchemeLess(found, words[i + 1], false);
      } else if (word.startsWith("--add-repo=")) {
        addIfSchemeLess(found, word.substring("--add-repo=".length()), false);
      } else if (inDownloader && !word.startsWith("-")) {
        addIfSchemeLess(found, word, false);
      }
    }
  }

  private static void addIfSchemeLess(Set<String> found, String value, boolean anyHostLike) {
    if (value.isEmpty() || SourceUrl.hasScheme(value) || value.startsWith("$")) {
      return;
    }
    if (HOST_AND_PATH.matcher(value).matches() || (anyHostLike && !value.startsWith("/"))) {
      found.add(value);
    }
  }

  private static String withoutComment(String line) {
    String trimmed = line.stripLeading();
    if (trimmed.startsWith("#")) {
      return "";
    }
    Matcher comment = INLINE_COMMENT.matcher(line);
    return comment.find() ? line.substring(0, comment.start()) : line;
  }

  private static String trimTrailingPunctuation(String url) {
    int end = url.length();
    while (end > 0 && ".,:;)]}\\".indexOf(url.charAt(end - 1)) >= 0) {
      end--;
    }
    return url.substring(0, end);
  }
}
