package io.jenkins.plugins.cloudimages.kickstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    KickstartSources.Flattened flat = new KickstartSources(root).read(file);
    ProblemList problems = new ProblemList();
    for (Problem problem : flat.problems()) {
      problems.add(problem);
    }
    StateMachine machine = new StateMachine(syntax, file, flat.lines(), problems);
    machine.run();
    Kickstart kickstart =
        new Kickstart(file, syntax, machine.commands(), machine.sections(), flat.includes());
    List<Problem> sorted = new ArrayList<>(problems.list());
    sorted.sort(new FileThenLine(file, flat.includes()));
    return new ParseResult(kickstart, sorted);
  }

  /** Problems of the top-level file first, then of each included file in reading order, by line. */
  private static final class FileThenLine implements java.util.Comparator<Problem> {
    private final Path top;
    private final List<Path> includes;

    FileThenLine(Path top, List<Path> includes) {
      this.top = top;
      this.includes = includes;
    }

    @Override
    public int compare(Problem a, Problem b) {
      int byFile = Integer.compare(rank(a.file()), rank(b.file()));
      if (byFile != 0) {
        return byFile;
      }
      return Integer.compare(a.line() == null ? 0 : a.line(), b.line() == null ? 0 : b.line());
    }

    private int rank(Path file) {
      if (file.equals(top)) {
        return 0;
      }
      int index = includes.indexOf(file);
      return index < 0 ? Integer.MAX_VALUE : index + 1;
    }
  }

  /**
   * The syntax version a {@code #version=RHEL7} line names, as pykickstart's versionFromFile reads
   * it (the first such line wins); empty when there is none, it names no RHEL version known here,
   * or the file cannot be read.
   */
  public static Optional<SyntaxVersion> detectFromHeader(Path file) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader reader =
        new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#version=")) {
          String named = line.substring("#version=".length()).strip();
          return named.toUpperCase(java.util.Locale.ROOT).startsWith("RHEL")
              ? SyntaxVersion.parse(named)
              : Optional.empty();
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Collects problems, with a cap so that a binary file does not produce a million of them. */
  static final class ProblemList {
    private static final int MAX = 500;
    private final List<Problem> problems = new ArrayList<>();
    private boolean capped;

    void add(Problem problem) {
      if (problems.size() < MAX) {
        problems.add(problem);
      } else if (!capped) {
        capped = true;
        problems.add(
            new Problem(
                problem.file(),
                problem.line(),
                Problem.Severity.ERROR,
                Problem.Kind.SYNTAX,
                "too many problems; stopped reporting after " + MAX));
      }
    }

    List<Problem> list() {
      return problems;
    }
  }
}
