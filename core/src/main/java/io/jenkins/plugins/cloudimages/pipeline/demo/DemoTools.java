package io.jenkins.plugins.cloudimages.pipeline.demo;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The OS tools the demo runs, with the Debian and Fedora/EL packages that bring them. Missing ones
 * are installed with apt-get or dnf when running as root; otherwise the exact command is the error.
 */
public final class DemoTools {
  /** A tool, and the packages providing it on Debian and on Fedora/EL. */
  record Tool(String executable, String debian, String fedora) {}

  static final List<Tool> TOOLS =
      List.of(
          new Tool("git", "git", "git"),
          new Tool("debootstrap", "debootstrap", "debootstrap"),
          new Tool("rpmbuild", "rpm", "rpm-build"),
          new Tool("createrepo_c", "createrepo-c", "createrepo_c"),
          new Tool("dnf", "dnf", "dnf"),
          new Tool("mkfs.ext4", "e2fsprogs", "e2fsprogs"),
          new Tool("depmod", "kmod", "kmod"),
          new Tool("qemu-img", "qemu-utils", "qemu-img"),
          new Tool("qemu-system-x86_64", "qemu-system-x86", "qemu-system-x86-core"),
          new Tool("cloud-localds", "cloud-image-utils", "cloud-utils"),
          new Tool("xz", "xz-utils", "xz"),
          new Tool("ssh-keygen", "openssh-client", "openssh-clients"));

  /** The kernel the local cloud boots partitionless images with. */
  static final Tool KERNEL = new Tool("/boot/vmlinuz-*", "linux-image-amd64", "kernel-core");

  private final Predicate<String> onPath;
  private final Path boot;

  DemoTools(Predicate<String> onPath, Path boot) {
    this.onPath = onPath;
    this.boot = boot;
  }

  public static DemoTools ofHost() {
    return new DemoTools(ProcessRunner::onPath, Path.of("/boot"));
  }

  /** The tools that are missing. */
  List<Tool> missing() throws IOException {
    List<Tool> missing =
        new ArrayList<>(TOOLS.stream().filter(t -> !onPath.test(t.executable())).toList());
    if (!hasKernel()) {
      missing.add(KERNEL);
    }
    return missing;
  }

  private boolean hasKernel() throws IOException {
    if (!Files.isDirectory(boot)) {
      return false;
    }
    try (var files = Files.list(boot)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("vmlinuz-"));
    }
  }

  /**
   * Installs what is missing when it can (root with apt-get or dnf).
   *
   * @throws IOException naming the command to run when it cannot, or when installing failed
   */
  public void ensure(boolean root, Consumer<String> log) throws IOException {
    List<Tool> missing = missing();
    if (missing.isEmpty()) {
      return;
    }
    boolean apt = onPath.test("apt-get");
    List<String> packages =
        missing.stream().map(t -> apt ? t.debian() : t.fedora()).distinct().toList();
    List<String> command = new ArrayList<>();
    if (apt) {
      command.addAll(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
    } else {
      command.addAll(List.of("dnf", "install", "-y", "-q"));
    }
    command.addAll(packages);
    String shown = String.join(" ", command);
    if (!root || !(apt || onPath.test("dnf"))) {
      throw new IOException(
          "the demo needs "
              + missing.stream().map(Tool::executable).toList()
              + "; install them with: sudo "
              + shown);
    }
    log.accept("installing " + String.join(" ", packages) + " (" + shown + ")");
    ProcessRunner runner =
        new ProcessRunner()
            .timeout(Duration.ofMinutes(20))
            .env(Map.of("DEBIAN_FRONTEND", "noninteractive"));
    if (apt) {
      check(runner.run("apt-get", "update", "-q"));
    }
    check(runner.run(command));
    List<Tool> still = missing();
    if (!still.isEmpty()) {
      throw new IOException(
          "still missing after installing: " + still.stream().map(Tool::executable).toList());
    }
  }

  private static void check(ProcessRunner.Result result) throws IOException {
    if (!result.succeeded()) {
      throw new IOException(result.describeFailure());
    }
  }
}
