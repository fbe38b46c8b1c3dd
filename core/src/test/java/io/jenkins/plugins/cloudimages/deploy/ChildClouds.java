package io.jenkins.plugins.cloudimages.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a {@link FakeApiChild} on a cloud given as {@link CloudSettings}: writes them as the clouds
 * file's cloud {@code fake} (the credentials into a file beside it) for the child to read.
 */
public final class ChildClouds {
  private ChildClouds() {}

  /** The image to deploy, as a fault cloud makes it. */
  @FunctionalInterface
  public interface Image {
    ImageSource get() throws Exception;
  }

  /** Deploys the image (a file or a URL) in a child JVM that {@code mode} ends at {@code point}. */
  public static boolean run(Path dir, CloudSettings cloud, Image source, Point point, Mode mode)
      throws IOException, InterruptedException {
    ImageSource image;
    try {
      image = source.get();
    } catch (IOException | InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot make the image: " + e.getMessage(), e);
    }
    String where = image.file() != null ? image.file().toString() : image.url().toString();
    FakeApiChild.run(dir, write(dir, cloud), where, image.format(), point, mode);
    return true;
  }

  /** Writes {@code cloud} as the clouds file's cloud {@code fake}, its credentials beside it. */
  public static Path write(Path dir, CloudSettings cloud) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode fake = root.putObject("clouds").putObject("fake");
    fake.put("type", cloud.type());
    fake.put("endpoint", cloud.endpoint());
    try {
      String credentials = cloud.credentials();
      if (credentials != null) {
        Files.writeString(dir.resolve("fake.credentials"), credentials + "\n");
        fake.put("credentialsFile", "fake.credentials");
      }
    } catch (CloudException e) {
      throw new IOException(e.getMessage(), e);
    }
    fake.put("flavor", cloud.flavor());
    fake.put("network", cloud.network());
    ObjectNode options = fake.putObject("options");
    cloud.options().forEach(options::put);
    Path file = dir.resolve("clouds.json");
    json.writeValue(file.toFile(), root);
    return file;
  }
}
