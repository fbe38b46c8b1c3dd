package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates a kickstart as {@code cloudimg validate} does: reads its metadata when there is one,
 * chooses the syntax version, parses, applies the content policy, and in strict mode turns warnings
 * into errors (as pykickstart's ksvalidator does).
 */
public final class KickstartValidator {

  /**
   * How to validate.
   *
   * @param syntax the syntax version to use; null to choose it per file (see {@link
   *     SyntaxSelection})
   * @param strict whether warnings count as errors
   * @param policy the content policy; null checks syntax only
   * @param root the kickstart repository that includes must stay in; null for the file's git work
   *     tree
   */
  public record Options(SyntaxVersion syntax, boolean strict, ContentPolicy policy, Path root) {
    public static Options defaults() {
      return new Options(null, false, ContentPolicy.defaults(), null);
    }
  }

  /** Parses one kickstart; the real one is {@link KickstartParser}. */
  @FunctionalInterface
  public interface Parser {
    ParseResult parse(SyntaxVersion syntax, Path root, Path file) throws IOException;
  }

  /**
   * The verdict on one kickstart.
   *
   * @param file the kickstart, as given
   * @param syntax the syntax version it was read with
   * @param problems every problem, in file and line order
   */
  public record Report(Path file, SyntaxSelection syntax, List<Problem> problems) {
    public Report {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      for (Problem problem : problems) {
        if (problem.isError()) {
          return false;
        }
      }
      return true;
    }
  }

  private final Options options;
  private final Parser parser;

  public KickstartValidator(Options options) {
    this(options, (syntax, root, file) -> new KickstartParser(syntax, root).parse(file));
  }

  public KickstartValidator(Options options, Parser parser) {
    this.options = options;
    this.parser = parser;
  }

  /**
   * @throws IOException when the kickstart itself cannot be read
   */
  public Report validate(Path file) throws IOException {
    List<Problem> problems = new ArrayList<>();
    ImageMetadata metadata = null;
    Path metadataFile = MetadataFiles.besides(file);
    if (!metadataFile.equals(file) && Files.exists(metadataFile)) {
      MetadataFiles.Result read = MetadataFiles.read(metadataFile);
      problems.addAll(read.problems());
      metadata = read.metadata().orElse(null);
    }
    SyntaxSelection syntax = SyntaxSelection.choose(options.syntax(), metadata, file);
    ParseResult parsed = parser.parse(syntax.version(), options.root(), file);
    problems.addAll(parsed.problems());
    if (options.policy() != null && parsed.kickstart() != null) {
      problems.addAll(options.policy().check(parsed.kickstart()));
    }
    if (options.strict()) {
      for (int i = 0; i < problems.size(); i++) {
        problems.set(i, asError(problems.get(i)));
      }
    }
    problems.sort(inReadingOrder(file, parsed.kickstart()));
    return new Report(file, syntax, problems);
  }

  private static Problem asError(Problem problem) {
    return problem.isError()
        ? problem
        : new Problem(
            problem.file(),
            problem.line(),
            Problem.Severity.ERROR,
            problem.kind(),
            problem.message());
  }

  /** The kickstart first, then its includes in the order read, then anything else (metadata). */
  private static Comparator<Problem> inReadingOrder(Path file, Kickstart kickstart) {
    List<Path> files = new ArrayList<>();
    files.add(normalize(file));
    if (kickstart != null) {
      for (Path include : kickstart.includes()) {
        files.add(normalize(include));
      }
    }
    // An anonymous class, not lambdas: this is on the path of every cold `cloudimg validate`.
    return new Comparator<>() {
      @Override
      public int compare(Problem a, Problem b) {
        int byFile = Integer.compare(fileIndex(a), fileIndex(b));
        if (byFile != 0) {
          return byFile;
        }
        int lineA = a.line() == null ? -1 : a.line();
        int lineB = b.line() == null ? -1 : b.line();
        return Integer.compare(lineA, lineB);
      }

      private int fileIndex(Problem problem) {
        int index = files.indexOf(normalize(problem.file()));
        return index < 0 ? Integer.MAX_VALUE : index;
      }
    };
  }

  private static Path normalize(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
