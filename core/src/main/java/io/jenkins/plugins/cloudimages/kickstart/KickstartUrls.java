package io.jenkins.plugins.cloudimages.kickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every URL a kickstart fetches content from that the engine can see: the install source ({@code
 * url}, {@code liveimg}, {@code ostreesetup}), each {@code repo}, and the URLs in {@code %pre},
 * {@code %pre-install}, {@code %post}, {@code %onerror} and {@code %traceback} scripts.
 */
public final class KickstartUrls {
  private static final List<String> URL_OPTIONS = List.of("--url", "--mirrorlist", "--metalink");
  private static final List<String> REPO_OPTIONS =
      List.of("--baseurl", "--mirrorlist", "--metalink");
  private static final Set<String> SCRIPT_SECTIONS =
      Set.of("pre", "pre-install", "post", "onerror", "traceback");

  private KickstartUrls() {}

  /** The install-source and repository URLs, in file order. */
  public static List<UrlReference> ofCommands(Kickstart kickstart) {
    List<UrlReference> found = new ArrayList<>();
    for (KickstartCommand command : kickstart.commands()) {
      switch (command.name()) {
        case "url" -> add(found, command, URL_OPTIONS, null);
        case "liveimg", "ostreesetup", "ostreecontainer" ->
            add(found, command, List.of("--url"), null);
        case "repo" -> add(found, command, REPO_OPTIONS, command.option("--name").orElse("?"));
        default -> {}
      }
    }
    return found;
  }

  /** The URLs in the kickstart's scripts, in file order. */
  public static List<UrlReference> ofScripts(Kickstart kickstart) {
    List<UrlReference> found = new ArrayList<>();
    for (KickstartSection section : kickstart.sections()) {
      if (SCRIPT_SECTIONS.contains(section.name())) {
        for (KickstartSection.Line line : section.body()) {
          for (String url : ScriptUrls.find(line.text())) {
            found.add(new UrlReference(url, line.location(), "%" + section.name(), null, null));
          }
        }
      }
    }
    return found;
  }

  /** Commands and scripts together. */
  public static List<UrlReference> of(Kickstart kickstart) {
    List<UrlReference> all = new ArrayList<>(ofCommands(kickstart));
    all.addAll(ofScripts(kickstart));
    return all;
  }

  private static void add(
      List<UrlReference> found, KickstartCommand command, List<String> options, String repo) {
    for (String option : options) {
      Optional<String> value = command.option(option);
      if (value.isPresent() && !value.get().isBlank()) {
        found.add(new UrlReference(value.get(), command.location(), command.name(), repo, option));
      }
    }
  }
}
