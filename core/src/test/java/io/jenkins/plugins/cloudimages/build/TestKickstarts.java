package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartParser;
import io.jenkins.plugins.cloudimages.kickstart.ParseResult;
import io.jenkins.plugins.cloudimages.kickstart.Problem;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Parses a test kickstart with the real parser and insists it has no errors. */
final class TestKickstarts {
  private TestKickstarts() {}

  static Kickstart read(Path file, SyntaxVersion syntax) throws IOException {
    ParseResult result = new KickstartParser(syntax, file.getParent()).parse(file);
    if (result.hasErrors()) {
      throw new IllegalStateException(
          result.problems().stream().map(Problem::format).collect(Collectors.joining("\n")));
    }
    return result.kickstart();
  }
}
