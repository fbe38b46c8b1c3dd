package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A kernel in the image's {@code /boot} ({@code vmlinuz-VERSION}) with the initramfs its package
 * made, when there is one: {@code initramfs-VERSION.img} (dracut, RHEL) or {@code
 * initrd.img-VERSION} (initramfs-tools). Paths are absolute inside the image.
 */
record BootKernel(String version, String kernel, Optional<String> initramfs) {
  private static final List<String> INITRAMFS_NAMES =
      List.of("initramfs-%s.img", "initrd.img-%s", "initrd-%s.img", "initrd-%s");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  /** The image's kernels, newest first; rescue kernels last. */
  static List<BootKernel> find(RootTree root) throws IOException {
    Path boot = root.path("/boot");
    if (!Files.isDirectory(boot)) {
      return List.of();
    }
    List<BootKernel> kernels = new ArrayList<>();
    try (Stream<Path> files = Files.list(boot)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("vmlinuz-") && Files.isRegularFile(file) && Files.size(file) > 0) {
          String version = name.substring("vmlinuz-".length());
          kernels.add(new BootKernel(version, "/boot/" + name, initramfs(boot, version)));
        }
      }
    }
    kernels.sort(
        Comparator.comparing((BootKernel k) -> k.version().contains("rescue"))
            .thenComparing(BootKernel::version, (a, b) -> compareVersions(b, a)));
    return List.copyOf(kernels);
  }

  private static Optional<String> initramfs(Path boot, String version) throws IOException {
    for (String pattern : INITRAMFS_NAMES) {
      String name = String.format(pattern, version);
      Path file = boot.resolve(name);
      if (Files.isRegularFile(file) && Files.size(file) > 0) {
        return Optional.of("/boot/" + name);
      }
    }
    return Optional.empty();
  }

  /** Compares versions number by number ("5.14.0-427" after "5.14.0-70"), then as text. */
  static int compareVersions(String a, String b) {
    Matcher x = NUMBER.matcher(a);
    Matcher y = NUMBER.matcher(b);
    while (x.find() && y.find()) {
      int byNumber =
          new java.math.BigInteger(x.group()).compareTo(new java.math.BigInteger(y.group()));
      if (byNumber != 0) {
        return byNumber;
      }
    }
    return a.compareTo(b);
  }
}
