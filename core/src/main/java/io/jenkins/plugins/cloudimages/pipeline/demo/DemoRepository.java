package io.jenkins.plugins.cloudimages.pipeline.demo;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's kickstart repository: a bare repository (what the git server holds, with the
 * post-receive hook) and a clone the demo edits and pushes from, as a person would.
 */
final class DemoRepository {
  static final String BRANCH = "main";
  static final String AUTHOR = "cloudimg demo <demo@localhost>";
  private static final Pattern CHANGE_NUMBER = Pattern.compile("demo change (\\d+)");

  private final Path bare;
  private final Path clone;
  private final Consumer<String> progress;

  DemoRepository(Path home, Consumer<String> progress) {
    this.bare = home.resolve("kickstarts.git");
    this.clone = home.resolve("kickstarts");
    this.progress = progress;
  }

  Path bare() {
    return bare;
  }

  /** Creates the repository from {@code kickstarts} the first time; brings the clone up to date. */
  void ensure(Path kickstarts) throws IOException {
    if (Files.isDirectory(bare.resolve("refs")) && Files.isDirectory(clone.resolve(".git"))) {
      git(clone, "pull", "--quiet", "--ff-only", "origin", BRANCH);
      progress.accept("  reusing " + bare + " (clone: " + clone + ")");
      return;
    }
    deleteRecursively(bare);
    deleteRecursively(clone);
    git(
        bare.getParent(),
        "init",
        "--quiet",
        "--bare",
        "--initial-branch=" + BRANCH,
        bare.toString());
    git(bare.getParent(), "clone", "--quiet", bare.toString(), clone.toString());
    copyTree(kickstarts, clone);
    git(clone, "add", "--all");
    commit("Import the kickstarts of cloud-images");
    git(clone, "push", "--quiet", "origin", "HEAD:" + BRANCH);
    progress.accept("  created " + bare + " from " + kickstarts + " (clone: " + clone + ")");
  }

  /** Installs the hook and points it at {@code runCommand}, logging to {@code runLog}. */
  void installHook(Path hookSource, Path runCommand, String runArgs, Path runLog)
      throws IOException {
    Path hook = bare.resolve("hooks/post-receive");
    Files.copy(hookSource, hook, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    git(bare, "config", "cloudimg.runCommand", runCommand.toString());
    git(bare, "config", "cloudimg.runArgs", runArgs);
    git(bare, "config", "cloudimg.runLog", runLog.toString());
  }

  /** One more than the last change the demo pushed. */
  int nextChangeNumber() throws IOException {
    String subjects = git(clone, "log", "--format=%s", "-n", "200").output();
    Matcher m = CHANGE_NUMBER.matcher(subjects);
    int last = 0;
    while (m.find()) {
      last = Math.max(last, Integer.parseInt(m.group(1)));
    }
    return last + 1;
  }

  /**
   * Rewrites the demo's own {@code %post} section at the end of {@code kickstart} (adding it the
   * first time), commits and pushes; the hook's messages are shown.
   */
  void pushChange(String kickstart, int number, String marker) throws IOException {
    Path file = clone.resolve(kickstart);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int previous = text.indexOf("\n%post\n" + marker);
    String kept = previous < 0 ? text : text.substring(0, previous + 1);
    String section =
        "%post\n"
            + marker
            + " "
            + number
            + ", pushed "
            + Instant.now().toString()
            + "\necho 'cloudimg demo change "
            + number
            + "' > /etc/cloudimg-demo-change\n%end\n";
    Files.writeString(
        file, (kept.endsWith("\n") ? kept : kept + "\n") + section, StandardCharsets.UTF_8);
    git(clone, "add", kickstart);
    commit("Kickstart: demo change " + number + " of " + kickstart);
    ProcessRunner.Result push = git(clone, "push", "origin", "HEAD:" + BRANCH);
    push.output()
        .lines()
        .filter(line -> line.startsWith("remote:"))
        .forEach(line -> progress.accept("  " + line.strip()));
  }

  private void commit(String message) throws IOException {
    String name = AUTHOR.substring(0, AUTHOR.indexOf(" <"));
    String email = AUTHOR.substring(AUTHOR.indexOf('<') + 1, AUTHOR.length() - 1);
    git(
        clone,
        "-c",
        "user.name=" + name,
        "-c",
        "user.email=" + email,
        "commit",
        "--quiet",
        "-m",
        message);
  }

  private static ProcessRunner.Result git(Path dir, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    ProcessRunner.Result result =
        new ProcessRunner()
            .in(dir)
            .env(Map.of("GIT_TERMINAL_PROMPT", "0", "LC_ALL", "C"))
            .timeout(Duration.ofMinutes(2))
            .run(command);
    if (!result.succeeded()) {
      throw new IOException(result.describeFailure());
    }
    return result;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      new ProcessRunner().run("rm", "-rf", dir.toString());
    }
  }
}
