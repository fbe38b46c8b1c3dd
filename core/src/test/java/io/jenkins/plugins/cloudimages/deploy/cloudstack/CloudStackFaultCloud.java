package io.jenkins.plugins.cloudimages.deploy.cloudstack;

import io.jenkins.plugins.cloudimages.deploy.ChildClouds;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.ExecGuest;
import io.jenkins.plugins.cloudimages.deploy.FaultCloud;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The CloudStack driver against {@link FakeCloudStackServer} (a fake) in the fault run. */
public final class CloudStackFaultCloud implements FaultCloud {
  private final FakeCloudStackServer cloud = new FakeCloudStackServer();

  public CloudStackFaultCloud(Path dir) {}

  @Override
  public CloudDriver driver() {
    return new ExecGuest(
        new CloudStackDriver(
            CloudStackDriver.Settings.from(CloudStackDriverTest.settings(cloud, Map.of())),
            FakeCloudStackServer.API_KEY,
            FakeCloudStackServer.SECRET,
            Clock.systemUTC(),
            line -> {}),
        id -> true);
  }

  @Override
  public ImageSource image() {
    return CloudStackDriverTest.image();
  }

  @Override
  public int leftovers() {
    return cloud.live();
  }

  @Override
  public String describe() {
    return cloud.describe();
  }

  @Override
  public boolean runChild(Path dir, Point point, Mode mode)
      throws IOException, InterruptedException {
    return ChildClouds.run(dir, settings(cloud), this::image, point, mode);
  }

  /** A clouds file naming {@code cloud} as cloud {@code fake}, its credentials file beside it. */
  static Path cloudsFile(FakeCloudStackServer cloud, Path dir) throws IOException {
    return ChildClouds.write(dir, settings(cloud));
  }

  private static CloudSettings settings(FakeCloudStackServer cloud) {
    return CloudSettings.withCredentialsText(
        "fake",
        "cloudstack",
        cloud.url() + "/client/api",
        FakeCloudStackServer.API_KEY + ":" + FakeCloudStackServer.SECRET,
        "Small Instance",
        "lab",
        Map.of("zone", "zone-one", "pollMs", "5", "retryMs", "5"));
  }

  @Override
  public void close() {
    cloud.close();
  }
}
