package io.jenkins.plugins.cloudimages.deploy.cloudstack;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.ExecGuest;
import io.jenkins.plugins.cloudimages.deploy.FakeApiChild;
import io.jenkins.plugins.cloudimages.deploy.FaultCloud;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import java.io.IOException;
import java.nio.file.Files;
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
    FakeApiChild.run(dir, cloudsFile(cloud, dir), image().url().toString(), "qcow2", point, mode);
    return true;
  }

  /** A clouds file naming {@code cloud} as cloud {@code fake}, its credentials file beside it. */
  static Path cloudsFile(FakeCloudStackServer cloud, Path dir) throws IOException {
    Files.writeString(
        dir.resolve("cs.credentials"),
        FakeCloudStackServer.API_KEY + ":" + FakeCloudStackServer.SECRET + "\n");
    return Files.writeString(
        dir.resolve("clouds.json"),
        "{\"clouds\": {\"fake\": {\"type\": \"cloudstack\", \"endpoint\": \""
            + cloud.url()
            + "/client/api\", \"credentialsFile\": \"cs.credentials\","
            + " \"flavor\": \"Small Instance\", \"network\": \"lab\","
            + " \"options\": {\"zone\": \"zone-one\", \"pollMs\": \"5\", \"retryMs\": \"5\"}}}}");
  }

  @Override
  public void close() {
    cloud.close();
  }
}
