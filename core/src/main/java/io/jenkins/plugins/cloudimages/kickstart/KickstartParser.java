package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a kickstart as pykickstart does for one syntax version: commands, sections, includes.
 * Problems in the content are reported in the result, never thrown.
 */
public final class KickstartParser {
  private final SyntaxVersion syntax;
  private final Path root;

  /**
   * @param syntax the syntax version to read with
   * @param root the kickstart repository; includes outside it are refused (null: the git work tree
   *     the file is in, else the file's folder)
   */
  public KickstartParser(SyntaxVersion syntax, Path root) {
    this.syntax = syntax;
    this.root = root;
  }

  /**
   * @throws IOException when the top-level file itself cannot be read
   */
  public ParseResult parse(Path file) throws IOException {
    throw new UnsupportedOperationException("not written yet: " + syntax + " " + root + " " + file);
  }
}
