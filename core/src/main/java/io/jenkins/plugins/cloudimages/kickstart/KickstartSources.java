package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a kickstart and every file it pulls in, giving one flat list of lines that each keep their
 * own file and line. As in pykickstart, {@code %ksappend} lines of the top-level file are replaced
 * by the named file before anything else (not recursively), and {@code %include} is replaced where
 * it stands, recursively. Both are resolved relative to the file that names them, must stay inside
 * the kickstart repository, and may not form a cycle.
 */
final class KickstartSources {
  private static final int MAX_DEPTH = 32;

  /** The flattened lines, every other file read (first-read order) and the problems met. */
  record Flattened(List<KickstartLine> lines, List<Path> includes, List<Problem> problems) {}

  private final Path root;

  /**
   * @param root the kickstart repository; null: the git work tree of the top-level file, else its
   *     folder
   */
  KickstartSources(Path root) {
    this.root = root;
  }

  Flattened read(Path top) throws IOException {
    byte[] bytes = Files.readAllBytes(top);
    Path repository = realOrAbsolute(root != null ? root : repositoryOf(top));
    Reading reading = new Reading(repository);
    List<KickstartLine> lines = KickstartFile.lines(top, bytes, reading.problems);
    lines = reading.appendKsappends(lines);
    List<Path> stack = new ArrayList<>();
    stack.add(realOrAbsolute(top));
    List<KickstartLine> flat = new ArrayList<>(lines.size());
    reading.expandIncludes(lines, stack, flat);
    return new Flattened(flat, List.copyOf(reading.includes), reading.problems);
  }

  /** The nearest folder above the file holding a {@code .git} entry, else the file's folder. */
  static Path repositoryOf(Path file) {
    Path folder = file.toAbsolutePath().normalize().getParent();
    for (Path dir = folder; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return dir;
      }
    }
    return folder;
  }

  private static Path realOrAbsolute(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** One read of a top-level file: the state shared by its ksappends and includes. */
  private static final class Reading {
    private final Path repository;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<Path> includes = new LinkedHashSet<>();

    Reading(Path repository) {
      this.repository = repository;
    }

    List<KickstartLine> appendKsappends(List<KickstartLine> lines) {
      List<KickstartLine> result = new ArrayList<>(lines.size());
      for (KickstartLine line : lines) {
        String stripped = line.text().strip();
        if (!stripped.startsWith("%ksappend")) {
          result.add(line);
          continue;
        }
        String[] parts = stripped.split(" ", -1);
        if (parts.length < 2 || parts[1].isEmpty()) {
          error(line.location(), "%ksappend needs the name of the file to append");
          continue;
        }
        Path target = resolve(line, parts[1]);
        byte[] appended = target == null ? null : readBytes(line, target);
        if (appended != null) {
          includes.add(target);
          result.addAll(KickstartFile.lines(target, appended, problems));
        }
      }
      return result;
    }

    void expandIncludes(List<KickstartLine> lines, List<Path> stack, List<KickstartLine> into) {
      for (KickstartLine line : lines) {
        String name = includedName(line);
        if (name == null) {
          into.add(line);
          continue;
        }
        if (name.isEmpty()) {
          error(line.location(), "%include needs the name of the file to include");
          continue;
        }
        Path target = resolve(line, name);
        if (target == null) {
          continue;
        }
        Path real = realOrAbsolute(target);
        if (stack.contains(real)) {
          error(line.location(), "include cycle: " + chain(stack, real));
          continue;
        }
        if (stack.size() > MAX_DEPTH) {
          error(line.location(), "includes nested more than " + MAX_DEPTH + " deep");
          continue;
        }
        byte[] bytes = readBytes(line, target);
        if (bytes == null) {
          continue;
        }
        includes.add(target);
        stack.add(real);
        expandIncludes(KickstartFile.lines(target, bytes, problems), stack, into);
        stack.remove(stack.size() - 1);
      }
    }

    /** The file an {@code %include} line names ("" when none), or null for any other line. */
    private static String includedName(KickstartLine line) {
      String text = line.text();
      int start = 0;
      while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      if (!text.startsWith("%include", start)) {
        return null;
      }
      ShellWords.Split split = ShellWords.split(text, true);
      if (split.failed() || split.words().isEmpty() || !split.words().get(0).equals("%include")) {
        return null;
      }
      return split.words().size() < 2 ? "" : split.words().get(1);
    }

    /** The file named on the line, relative to the line's file; null (reported) when refused. */
    private Path resolve(KickstartLine line, String name) {
      if (name.contains("://")) {
        error(
            line.location(),
            "not fetching "
                + Text.clip(name)
                + ": included files must be files in the kickstart repository");
        return null;
      }
      Path target;
      try {
        Path named = Path.of(name);
        Path folder = line.location().file().getParent();
        target = named.isAbsolute() || folder == null ? named : folder.resolve(named);
        target = target.normalize();
      } catch (InvalidPathException e) {
        error(line.location(), "cannot use '" + Text.clip(name) + "' as a file name");
        return null;
      }
      Path real = realOrAbsolute(target);
      if (!real.startsWith(repository)) {
        error(
            line.location(),
            "refusing to read "
                + Text.clip(name)
                + ": it is outside the kickstart repository "
                + repository);
        return null;
      }
      return target;
    }

    private byte[] readBytes(KickstartLine line, Path target) {
      try {
        if (Files.isDirectory(target)) {
          error(line.location(), "cannot read " + target + ": it is a folder");
          return null;
        }
        return Files.readAllBytes(target);
      } catch (NoSuchFileException e) {
        error(line.location(), "cannot read " + target + ": no such file");
      } catch (IOException | OutOfMemoryError e) {
        error(line.location(), "cannot read " + target + ": " + e.getMessage());
      }
      return null;
    }

    private String chain(List<Path> stack, Path again) {
      StringBuilder text = new StringBuilder();
      for (Path path : stack) {
        text.append(shown(path)).append(" -> ");
      }
      return text.append(shown(again)).toString();
    }

    private String shown(Path real) {
      return real.startsWith(repository) ? repository.relativize(real).toString() : real.toString();
    }

    private void error(SourceLocation at, String message) {
      problems.add(Problem.error(at, Problem.Kind.SYNTAX, message));
    }
  }
}
