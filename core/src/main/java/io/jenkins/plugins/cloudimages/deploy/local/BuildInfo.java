package io.jenkins.plugins.cloudimages.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the image's build says about booting it, from {@code <image>.build-info.json} beside the
 * image: {@code "boot": "kernel"} for images without a boot loader, booted with the host's kernel
 * (with {@code kernelArgs}), {@code "boot": "bootloader"} for images booted by the firmware from
 * their own boot loader ({@code "firmware": ["uefi"]} when only UEFI can boot it), and {@code
 * "cloudInit": false} for images without cloud-init. Without {@code boot} the image's first sectors
 * decide: a bare ext2/3/4 file system (no partition table) boots with the host's kernel, anything
 * else from its own boot loader; cloud-init is assumed.
 */
record BuildInfo(boolean kernelBoot, String kernelArgs, boolean cloudInit, boolean uefiOnly) {
  static final String DEFAULT_KERNEL_ARGS = "root=/dev/vda rw net.ifnames=0";

  static BuildInfo of(Path image, String format) throws IOException {
    Path file = buildInfoFile(image);
    if (!Files.isRegularFile(file)) {
      return new BuildInfo(isBareExtFileSystem(image, format), DEFAULT_KERNEL_ARGS, true, false);
    }
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    String boot = json.path("boot").asText("");
    boolean kernelBoot =
        switch (boot) {
          case "kernel" -> true;
          case "bootloader" -> false;
          case "" -> isBareExtFileSystem(image, format);
          default ->
              throw new IOException(
                  file + ": boot must be \"kernel\" or \"bootloader\", not \"" + boot + "\"");
        };
    java.util.List<String> firmware = new java.util.ArrayList<>();
    json.path("firmware").forEach(f -> firmware.add(f.asText()));
    return new BuildInfo(
        kernelBoot,
        json.path("kernelArgs").asText(DEFAULT_KERNEL_ARGS),
        json.path("cloudInit").asBoolean(true),
        firmware.contains("uefi") && !firmware.contains("bios"));
  }

  /**
   * {@code <image>.build-info.json}, or the build's own {@code <name>.build-info.json} beside
   * {@code <name>.qcow2[.xz]} (conventions.md names).
   */
  static Path buildInfoFile(Path image) {
    String name = image.getFileName().toString();
    Path exact = image.resolveSibling(name + ".build-info.json");
    if (Files.isRegularFile(exact)) {
      return exact;
    }
    String base =
        name.replaceFirst("\\.(xz|gz)$", "").replaceFirst("\\.(qcow2|raw|vmdk|vhdx)$", "");
    return image.resolveSibling(base + ".build-info.json");
  }

  /** The ext superblock magic 0xEF53 at byte 1080 and no MBR boot signature at byte 510. */
  static boolean isBareExtFileSystem(Path image, String format) throws IOException {
    byte[] head = firstBytes(image, format);
    if (head.length < 1082) {
      return false;
    }
    boolean bootSignature = (head[510] & 0xff) == 0x55 && (head[511] & 0xff) == 0xaa;
    boolean ext = (head[1080] & 0xff) == 0x53 && (head[1081] & 0xff) == 0xef;
    return ext && !bootSignature;
  }

  private static byte[] firstBytes(Path image, String format) throws IOException {
    if (format == null || format.equals("raw")) {
      try (var in = Files.newInputStream(image)) {
        return in.readNBytes(2048);
      }
    }
    Path out = Files.createTempFile("cloudimg-head-", ".raw");
    try {
      var result =
          new io.jenkins.plugins.cloudimages.support.ProcessRunner()
              .timeout(java.time.Duration.ofSeconds(30))
              .run(
                  "qemu-img",
                  "dd",
                  "-f",
                  format,
                  "-O",
                  "raw",
                  "bs=2048",
                  "count=1",
                  "if=" + image,
                  "of=" + out);
      return result.succeeded() ? Files.readAllBytes(out) : new byte[0];
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
