package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;
import io.jenkins.plugins.cloudimages.kickstart.KickstartSection;
import io.jenkins.plugins.cloudimages.kickstart.SourceLocation;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the simple kickstart subset the build tests use (commands, %sections, no includes) into the
 * kickstart model, standing in for KickstartParser until the ks-parser branch lands.
 */
final class TestKickstarts {
  private TestKickstarts() {}

  static Kickstart read(Path file, SyntaxVersion syntax) throws IOException {
    List<KickstartCommand> commands = new ArrayList<>();
    List<KickstartSection> sections = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      SourceLocation at = new SourceLocation(file, i + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> words = split(line);
      if (line.startsWith("%")) {
        List<KickstartSection.Line> body = new ArrayList<>();
        int j = i + 1;
        while (j < lines.size() && !lines.get(j).trim().equals("%end")) {
          body.add(new KickstartSection.Line(lines.get(j), new SourceLocation(file, j + 1)));
          j++;
        }
        sections.add(
            new KickstartSection(
                words.get(0).substring(1), words.subList(1, words.size()), body, at));
        i = j;
      } else {
        commands.add(new KickstartCommand(words.get(0), words.subList(1, words.size()), at));
      }
    }
    return new Kickstart(file, syntax, commands, sections, List.of());
  }

  private static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
