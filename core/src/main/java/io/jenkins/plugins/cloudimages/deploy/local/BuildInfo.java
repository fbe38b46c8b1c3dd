package io.jenkins.plugins.cloudimages.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the image's build says about booting it, from {@code <image>.build-info.json} beside the
 * image: {@code "boot": "kernel"} for partitionless images booted with the host's kernel (with
 * {@code kernelArgs}), and {@code "cloudInit": false} for images without cloud-init. Without the
 * file: own boot loader, cloud-init.
 */
record BuildInfo(boolean kernelBoot, String kernelArgs, boolean cloudInit) {
  static final String DEFAULT_KERNEL_ARGS = "root=/dev/vda rw net.ifnames=0";

  static BuildInfo of(Path image) throws IOException {
    Path file = image.resolveSibling(image.getFileName() + ".build-info.json");
    if (!Files.isRegularFile(file)) {
      return new BuildInfo(false, DEFAULT_KERNEL_ARGS, true);
    }
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    return new BuildInfo(
        "kernel".equals(json.path("boot").asText()),
        json.path("kernelArgs").asText(DEFAULT_KERNEL_ARGS),
        json.path("cloudInit").asBoolean(true));
  }
}
