package io.jenkins.plugins.cloudimages.kickstart;

/**
 * A URL the kickstart uses, where it is written and what uses it.
 *
 * @param text the URL as written
 * @param location its file and line
 * @param command the command ({@code url}, {@code repo} ...) or section ({@code %post}) using it
 * @param repo the repository name for {@code repo}, else null
 * @param option the command option giving it ({@code --baseurl}), null in scripts
 */
public record UrlReference(
    String text, SourceLocation location, String command, String repo, String option) {

  /** Whether it is in a script, where shell variables in the path are expanded. */
  public boolean inScript() {
    return command.startsWith("%");
  }

  /** What uses it, for messages: {@code url --url}, {@code repo "epel" --mirrorlist}. */
  public String usage() {
    if (inScript()) {
      return command + " script";
    }
    return command
        + (repo == null ? "" : " \"" + repo + "\"")
        + (option == null ? "" : " " + option);
  }
}
