package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartSection;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code %post} sections in order: in the image root through chroot (with /dev/null,
 * /dev/zero and /dev/urandom made for the run and removed after), or with {@code --nochroot} on the
 * build host with {@code INSTALL_ROOT}/{@code ANA_INSTALL_PATH} set to the root and anaconda's
 * {@code /mnt/sysimage} pointed there. {@code --interpreter}, {@code --erroronfail} and {@code
 * --log} behave as in anaconda. Other script sections ({@code %pre}, {@code %pre-install}, {@code
 * %onerror}, {@code %traceback}) are listed as not run.
 */
final class PostScripts {
  private static final String SYSIMAGE = "/mnt/sysimage";
  private static final List<String[]> DEVICES =
      List.of(
          new String[] {"null", "1", "3"},
          new String[] {"zero", "1", "5"},
          new String[] {"random", "1", "8"},
          new String[] {"urandom", "1", "9"});

  private final RootTree root;
  private final Path work;
  private final ToolRunner tools;
  private final BuildLog log;

  PostScripts(RootTree root, Path work, ToolRunner tools, BuildLog log) {
    this.root = root;
    this.work = work;
    this.tools = tools;
    this.log = log;
  }

  /** Returns the sections not run (for the build log and build-info). */
  List<String> run(Kickstart kickstart) throws BuildException, IOException {
    List<String> notRun = new ArrayList<>();
    for (KickstartSection section : kickstart.sections()) {
      if (!List.of("packages", "post", "pre", "pre-install", "onerror", "traceback")
          .contains(section.name())) {
        notRun.add("%" + section.name() + " (" + section.location() + ")");
        log.log(
            "not run    %"
                + section.name()
                + " ("
                + section.location()
                + "): the installroot backend does not handle this section");
      } else if (List.of("pre", "pre-install", "onerror", "traceback").contains(section.name())) {
        notRun.add("%" + section.name() + " (" + section.location() + ")");
        log.log(
            "not run    %"
                + section.name()
                + " ("
                + section.location()
                + "): scripts before or around an installer run have no place in an installroot build");
      }
    }
    List<KickstartSection> posts = kickstart.sections("post");
    for (int i = 0; i < posts.size(); i++) {
      run(posts.get(i), i + 1);
    }
    return notRun;
  }

  private void run(KickstartSection section, int number) throws BuildException, IOException {
    boolean chroot = !section.hasFlag("--nochroot");
    String interpreter = section.option("--interpreter").orElse("/bin/sh");
    String script = section.script();
    List<String> command;
    Path scriptFile;
    if (chroot) {
      String inside = "/tmp/ks-script-" + number;
      Files.createDirectories(root.path("/tmp"));
      scriptFile = root.path(inside);
      Files.writeString(scriptFile, script);
      if (!root.exists(interpreter)) {
        throw new BuildException(
            section.location() + ": %post interpreter " + interpreter + " is not in the image");
      }
      command = List.of("chroot", root.root().toString(), interpreter, inside);
    } else {
      if (script.contains(SYSIMAGE)) {
        log.log(
            "note: %post --nochroot at "
                + section.location()
                + ": "
                + SYSIMAGE
                + " points to the image root "
                + root.root());
        script = script.replace(SYSIMAGE, root.root().toString());
      }
      scriptFile = work.resolve("ks-script-" + number);
      Files.writeString(scriptFile, script);
      command = List.of(interpreter, scriptFile.toString());
    }
    log.log(
        "%post "
            + number
            + " ("
            + section.location()
            + ")"
            + (chroot ? " in the image root" : " --nochroot on the build host")
            + " with "
            + interpreter);
    List<String> madeDevices = chroot ? makeDevices() : List.of();
    ProcessRunner.Result result;
    try (BufferedWriter scriptLog = openLog(section, chroot)) {
      result =
          tools.attempt(
              command,
              Map.of(
                  "INSTALL_ROOT",
                  root.root().toString(),
                  "ANA_INSTALL_PATH",
                  root.root().toString()),
              line -> write(scriptLog, line));
    } finally {
      for (String device : madeDevices) {
        Files.deleteIfExists(root.path(device));
      }
      Files.deleteIfExists(scriptFile);
    }
    if (!result.succeeded()) {
      String what =
          "%post at "
              + section.location()
              + (result.timedOut() ? " timed out" : " exited with " + result.exitCode());
      if (section.hasFlag("--erroronfail")) {
        throw new BuildException(what + " (--erroronfail)");
      }
      log.log("warning: " + what + "; the build goes on as anaconda does without --erroronfail");
    }
  }

  private BufferedWriter openLog(KickstartSection section, boolean chroot) throws IOException {
    if (section.option("--log").isEmpty()) {
      return null;
    }
    String logPath = section.option("--log").get();
    if (!chroot && logPath.startsWith(SYSIMAGE + "/")) {
      logPath = logPath.substring(SYSIMAGE.length());
    }
    Path file = root.path(logPath);
    Files.createDirectories(file.getParent());
    return Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void write(BufferedWriter out, String line) {
    if (out == null) {
      return;
    }
    try {
      out.write(line);
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> makeDevices() throws BuildException, IOException {
    List<String> made = new ArrayList<>();
    StringBuilder script = new StringBuilder();
    Files.createDirectories(root.path("/dev"));
    for (String[] device : DEVICES) {
      String path = "/dev/" + device[0];
      if (!root.exists(path)) {
        script.append(
            String.format("mknod -m 666 '%s' c %s %s && ", root.path(path), device[1], device[2]));
        made.add(path);
      }
    }
    if (!made.isEmpty()) {
      tools.run(List.of("sh", "-c", script + "true"));
    }
    return made;
  }
}
