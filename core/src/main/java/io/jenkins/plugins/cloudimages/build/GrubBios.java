package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * GRUB for BIOS from the image's own packages: the i386-pc modules and images (RHEL's
 * grub2-pc-modules, Debian's grub-pc-bin) under {@value #MODULES}, and {@code grub2-mkimage} of the
 * image, run in it through chroot, or the build host's when the image has none. Before the file
 * system is made, {@link #prepare} writes the configuration and modules into {@value #PREFIX} and
 * builds core.img; after, {@link #install} writes boot.img and core.img into the disk file.
 */
final class GrubBios {
  static final String MODULES = "/usr/lib/grub/i386-pc";
  static final String PREFIX = "/boot/grub2";
  private static final List<String> MKIMAGE_NAMES = List.of("grub2-mkimage", "grub-mkimage");
  private static final List<String> NEEDED = List.of("boot.img", "kernel.img", "moddep.lst");

  /** What core.img needs to read the prefix; everything else loads from there. */
  private static final List<String> CORE_MODULES = List.of("biosdisk", "part_msdos", "ext2");

  /** How grub-mkimage is run: the command's first words, and where the tool came from. */
  record Mkimage(List<String> command, String source) {}

  private final RootTree root;
  private final Mkimage mkimage;

  private GrubBios(RootTree root, Mkimage mkimage) {
    this.root = root;
    this.mkimage = mkimage;
  }

  /**
   * GRUB when the image has the modules and a grub-mkimage can be found (the image's first, then
   * the build host's); otherwise why not.
   */
  static Result find(RootTree root, Map<String, String> environment) {
    for (String file : NEEDED) {
      if (!root.exists(MODULES + "/" + file)) {
        return new Result(
            Optional.empty(),
            "the image has no GRUB for BIOS ("
                + MODULES
                + "/"
                + file
                + " is missing: install grub2-pc and grub2-pc-modules)");
      }
    }
    for (String name : MKIMAGE_NAMES) {
      for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
        Path tool = root.path(dir + "/" + name);
        if (Files.isExecutable(tool)) {
          return new Result(
              Optional.of(
                  new GrubBios(
                      root,
                      new Mkimage(
                          List.of("chroot", root.root().toString(), dir + "/" + name),
                          "the image's " + dir + "/" + name))),
              "");
        }
      }
    }
    for (String name : MKIMAGE_NAMES) {
      Optional<Path> host = Executables.find(name, environment);
      if (host.isPresent()) {
        return new Result(
            Optional.of(
                new GrubBios(
                    root,
                    new Mkimage(
                        List.of(host.get().toString()),
                        "the build host's "
                            + host.get()
                            + " (the image has no grub2-mkimage: install grub2-tools-minimal)"))),
            "");
      }
    }
    return new Result(
        Optional.empty(), "neither the image nor the build host has grub2-mkimage or grub-mkimage");
  }

  /** GRUB, or the reason the image has none. */
  record Result(Optional<GrubBios> grub, String reason) {}

  Mkimage mkimage() {
    return mkimage;
  }

  /**
   * Writes {@code grub.cfg}, the modules and (when missing) {@code /etc/default/grub} into the
   * image tree, and returns core.img, whose prefix is {@code (hd0,PARTITION)/boot/grub2}.
   */
  byte[] prepare(GrubConfig config, String partition, ToolRunner tools, BuildLog log, Path work)
      throws IOException, BuildException {
    writeConfig(root, config);
    copyModules();
    log.log("GRUB: core.img made with " + mkimage.source());
    String output = "/tmp/.cloudimg-core.img";
    boolean inImage = mkimage.command().get(0).equals("chroot");
    Path made = inImage ? root.path(output) : work.resolve("core.img");
    List<String> command = new ArrayList<>(mkimage.command());
    command.addAll(
        List.of(
            "-O",
            "i386-pc",
            "-d",
            inImage ? MODULES : root.path(MODULES).toString(),
            "-o",
            inImage ? output : made.toString(),
            "-p",
            "(hd0," + partition + ")" + PREFIX));
    command.addAll(CORE_MODULES);
    if (partition.startsWith("gpt")) {
      command.add("part_gpt");
    }
    try {
      ProcessRunner.Result result = tools.attempt(command);
      if (!result.succeeded()) {
        throw new BuildException("grub-mkimage failed: " + result.describeFailure());
      }
      return Files.readAllBytes(made);
    } finally {
      if (inImage) {
        Files.deleteIfExists(made);
      }
    }
  }

  /** {@code /boot/grub2/grub.cfg}, and {@code /etc/default/grub} unless the image has one. */
  static void writeConfig(RootTree root, GrubConfig config) throws IOException {
    root.mkdirs(PREFIX, "rwx------", 0, 0);
    root.write(PREFIX + "/grub.cfg", config.grubCfg(), "rw-------");
    if (!root.exists("/etc/default/grub")) {
      root.write("/etc/default/grub", config.defaults(), "rw-r--r--");
    }
  }

  /** boot.img of the image's GRUB. */
  byte[] bootImage() throws IOException {
    return Files.readAllBytes(root.path(MODULES + "/boot.img"));
  }

  /** Copies the modules as grub2-install does, so that {@code insmod} finds them at boot. */
  private void copyModules() throws IOException {
    Path target = root.path(PREFIX + "/i386-pc");
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(root.path(MODULES))) {
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".mod") || p.toString().endsWith(".lst"))
              .toList()) {
        Files.copy(
            file,
            target.resolve(file.getFileName()),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
