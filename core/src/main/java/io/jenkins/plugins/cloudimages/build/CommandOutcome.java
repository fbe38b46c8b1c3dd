package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;

/** What a build did with one kickstart command; every command gets one, none is dropped. */
record CommandOutcome(KickstartCommand command, Disposition disposition, String detail) {

  enum Disposition {
    /** Changed the image root. */
    APPLIED,
    /** Used by the build itself (repositories, root size). */
    CONSUMED,
    /** Kept in build-info.json for a later step (kernel arguments of an external boot). */
    RECORDED,
    /** Only means something to an interactive installer on real hardware. */
    NO_EFFECT,
    /** Could not be applied by this backend: listed in the build log and build-info.json. */
    NOT_APPLIED
  }

  String format() {
    return String.format(
        "%-11s %s %s (%s)%s",
        disposition.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
        command.name(),
        String.join(" ", shownWords()),
        command.location(),
        detail.isEmpty() ? "" : ": " + detail);
  }

  /** The words with passwords masked: the build log is often public. */
  private java.util.List<String> shownWords() {
    java.util.List<String> shown = new java.util.ArrayList<>();
    boolean maskNext = false;
    for (String word : command.words()) {
      if (maskNext) {
        shown.add("********");
        maskNext = false;
      } else if (word.startsWith("--password=")) {
        shown.add("--password=********");
      } else if (word.equals("--password")) {
        shown.add(word);
        maskNext = true;
      } else if (command.name().equals("rootpw") && !word.startsWith("--")) {
        shown.add("********");
      } else {
        shown.add(word);
      }
    }
    return shown;
  }
}
