package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The kickstart as one text with every {@code %include} and {@code %ksappend} inlined, like
 * pykickstart's ksflatten but keeping every other line verbatim (comments, order, spacing), so that
 * its digest changes exactly when what the installer reads changes.
 */
public final class KickstartFlattener {
  private final Path root;

  /**
   * @param root the kickstart repository (null: the git work tree of the file, else its folder)
   */
  public KickstartFlattener(Path root) {
    this.root = root;
  }

  /**
   * The flattened text, lines ended by newlines. Includes that cannot be read are left out (the
   * parser reports them).
   *
   * @throws IOException when the file itself cannot be read
   */
  public String flatten(Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    for (KickstartLine line : new KickstartSources(root).read(file).lines()) {
      text.append(line.text()).append('\n');
    }
    return text.toString();
  }
}
