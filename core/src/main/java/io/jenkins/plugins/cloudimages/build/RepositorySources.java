package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The repositories of a kickstart ({@code url} and {@code repo} lines) with {@code $releasever} and
 * {@code $basearch} expanded and the mirror map applied (longest matching prefix wins).
 */
final class RepositorySources {
  private final Map<String, String> mirrorMap;
  private final ImageIdentity identity;

  RepositorySources(Map<String, String> mirrorMap, ImageIdentity identity) {
    this.mirrorMap = mirrorMap;
    this.identity = identity;
  }

  List<Repository> from(Kickstart kickstart) throws BuildException {
    List<Repository> repositories = new ArrayList<>();
    for (KickstartCommand url : kickstart.commands("url")) {
      repositories.add(
          new Repository("ks-url", baseUrl(url), list(url, "--excludepkgs"), List.of()));
    }
    for (KickstartCommand repo : kickstart.commands("repo")) {
      String name =
          repo.option("--name")
              .orElseThrow(() -> new BuildException(repo.location() + ": repo has no --name"));
      repositories.add(
          new Repository(
              "ks-" + name.replaceAll("[^A-Za-z0-9_.-]", "_"),
              baseUrl(repo),
              list(repo, "--excludepkgs"),
              list(repo, "--includepkgs")));
    }
    if (repositories.isEmpty()) {
      throw new BuildException(
          kickstart.file() + ": no url or repo line: nothing to install the packages from");
    }
    return repositories;
  }

  private String baseUrl(KickstartCommand command) throws BuildException {
    String url =
        command
            .option(command.name().equals("url") ? "--url" : "--baseurl")
            .orElseThrow(
                () ->
                    new BuildException(
                        command.location()
                            + ": "
                            + command.name()
                            + " needs a base URL here (--mirrorlist and --metalink need the"
                            + " internet, which builds do not have)"));
    String expanded =
        url.replace("$releasever", identity.release()).replace("$basearch", identity.arch());
    String mapped = rewrite(expanded);
    if (!mapped.startsWith("file:/")
        && !mapped.startsWith("http://")
        && !mapped.startsWith("https://")) {
      throw new BuildException(
          command.location() + ": unsupported repository URL " + mapped + " (file, http, https)");
    }
    return mapped;
  }

  /**
   * For a kickstart handed to anaconda: the mirrored URL when the mirror map applies (variables
   * expanded), else the URL unchanged for anaconda to expand.
   */
  /** Variables expanded, then the mirror map applied: the URL the build itself reads. */
  String resolve(String url) {
    return rewrite(
        url.replace("$releasever", identity.release()).replace("$basearch", identity.arch()));
  }

  String rewriteForInstaller(String url) {
    String expanded =
        url.replace("$releasever", identity.release()).replace("$basearch", identity.arch());
    String mapped = rewrite(expanded);
    return mapped.equals(expanded) ? url : mapped;
  }

  /** Applies the longest matching prefix of the mirror map. */
  String rewrite(String url) {
    return mirrorMap.entrySet().stream()
        .filter(e -> url.startsWith(e.getKey()))
        .max(Comparator.comparingInt(e -> e.getKey().length()))
        .map(e -> e.getValue() + url.substring(e.getKey().length()))
        .orElse(url);
  }

  private static List<String> list(KickstartCommand command, String option) {
    return command
        .option(option)
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }
}
