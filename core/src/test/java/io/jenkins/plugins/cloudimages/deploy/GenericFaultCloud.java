package io.jenkins.plugins.cloudimages.deploy;

import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The generic {@link FakeCloudDriver} (a fake, its state in files) in the fault-injection run. */
final class GenericFaultCloud implements FaultCloud {
  static final ImageSource IMAGE =
      new ImageSource("fault-image", Path.of("/dev/null"), null, "raw", null);

  private final Path state;
  private final FakeCloudDriver fake;

  GenericFaultCloud(Path dir) throws IOException {
    this.state = Files.createDirectories(dir.resolve("cloud"));
    this.fake = new FakeCloudDriver(state);
  }

  @Override
  public CloudDriver driver() {
    return fake;
  }

  @Override
  public ImageSource image() {
    return IMAGE;
  }

  @Override
  public int leftovers() {
    return fake.count();
  }

  @Override
  public String describe() {
    try {
      return fake.listOwned().toString();
    } catch (CloudException e) {
      return e.getMessage();
    }
  }

  @Override
  public boolean floatingIps() {
    return true;
  }

  @Override
  public boolean runChild(Path dir, Point point, Mode mode)
      throws IOException, InterruptedException {
    FaultInjectionRun.runGenericChild(dir, state, point, mode);
    return true;
  }

  @Override
  public void close() {}
}
