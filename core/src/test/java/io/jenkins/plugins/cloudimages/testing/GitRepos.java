package io.jenkins.plugins.cloudimages.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real git repositories for tests: a bare "server" repository (with a reflog, so a test can prove
 * no push was forced) and commits made in a scratch clone and pushed to it. Identities come from
 * the environment, never from the machine's git configuration.
 */
public final class GitRepos {
  public static final Map<String, String> IDENTITY =
      Map.of(
          "GIT_AUTHOR_NAME", "Test Author",
          "GIT_AUTHOR_EMAIL", "author@example.org",
          "GIT_COMMITTER_NAME", "Test Author",
          "GIT_COMMITTER_EMAIL", "author@example.org",
          "GIT_CONFIG_NOSYSTEM", "1");

  private GitRepos() {}

  /** A bare repository with branch main, keeping a reflog of every ref update. */
  public static Path bare(Path directory) {
    RequiredTools.require("git");
    git(directory.getParent(), "init", "--quiet", "--bare", "-b", "main", directory.toString());
    git(directory, "config", "core.logAllRefUpdates", "always");
    return directory;
  }

  /** A pushed commit and what the push printed on stderr (the server hooks' "remote:" lines). */
  public record Pushed(String commit, String pushOutput) {}

  /** Writes files (path to content; null deletes) in one commit on main and pushes it. */
  public static String commit(Path bare, String message, Map<String, String> files) {
    return push(bare, message, files).commit();
  }

  /** Like {@link #commit}, also returning what the push printed. */
  public static Pushed push(Path bare, String message, Map<String, String> files) {
    Path work = bare.resolveSibling(bare.getFileName() + ".work");
    try {
      if (!Files.isDirectory(work)) {
        git(bare.getParent(), "clone", "--quiet", bare.toString(), work.toString());
        git(work, "checkout", "--quiet", "-B", "main");
      } else {
        git(work, "pull", "--quiet", "--rebase", "origin", "main");
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = work.resolve(file.getKey());
        if (file.getValue() == null) {
          git(work, "rm", "--quiet", file.getKey());
        } else {
          Files.createDirectories(path.getParent());
          Files.writeString(path, file.getValue());
          git(work, "add", file.getKey());
        }
      }
      git(work, "commit", "--quiet", "--allow-empty", "-m", message);
      String[] output = run(work, "push", "origin", "HEAD:main");
      return new Pushed(git(work, "rev-parse", "HEAD").strip(), output[1]);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs git in {@code directory} and returns its standard output; fails the test on failure. */
  public static String git(Path directory, String... arguments) {
    return run(directory, arguments)[0];
  }

  /** Runs git; returns its standard output and standard error; fails the test on failure. */
  private static String[] run(Path directory, String... arguments) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
      builder.environment().putAll(IDENTITY);
      Path errors = Files.createTempFile("git-stderr", ".txt");
      builder.redirectError(errors.toFile());
      Process process = builder.start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      String err = Files.readString(errors);
      Files.delete(errors);
      if (exit != 0) {
        throw new AssertionError(
            String.join(" ", command) + " failed in " + directory + ": " + err);
      }
      return new String[] {out, err};
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The content of a file at main in a bare repository. */
  public static String show(Path bare, String path) {
    return git(bare, "show", "main:" + path);
  }

  /** Subjects of main's commits, newest first. */
  public static List<String> subjects(Path bare) {
    return git(bare, "log", "--format=%s", "main").lines().toList();
  }

  /**
   * Fails unless every update of {@code ref} in the reflog was a fast-forward, i.e. no push was
   * ever forced and no commit was dropped.
   */
  public static int assertOnlyFastForwards(Path bare, String ref) {
    List<String> updates = git(bare, "reflog", "show", "--format=%H", ref).lines().toList();
    for (int i = 0; i + 1 < updates.size(); i++) {
      String newer = updates.get(i);
      String older = updates.get(i + 1);
      try {
        git(bare, "merge-base", "--is-ancestor", older, newer);
      } catch (AssertionError e) {
        throw new AssertionError(
            ref + " moved from " + older + " to " + newer + " without a fast-forward");
      }
    }
    return updates.size();
  }
}
