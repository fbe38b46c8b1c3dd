package io.jenkins.plugins.cloudimages.deploy.cloudstack;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.FakeApiDeployerContract;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The deployer on the CloudStack driver and {@link FakeCloudStackServer} (a fake). */
class CloudStackDeployerTest extends FakeApiDeployerContract {
  private final FakeCloudStackServer cloud = new FakeCloudStackServer();

  @AfterEach
  void stop() {
    cloud.close();
  }

  @Override
  protected CloudDriver driver() {
    return new CloudStackDriver(
        CloudStackDriver.Settings.from(CloudStackDriverTest.settings(cloud, Map.of())),
        FakeCloudStackServer.API_KEY,
        FakeCloudStackServer.SECRET,
        Clock.systemUTC(),
        log::add);
  }

  @Override
  protected ImageSource image() {
    return CloudStackDriverTest.image();
  }

  @Override
  protected int live() {
    return cloud.live();
  }

  @Override
  protected String describeCloud() {
    return cloud.describe();
  }

  @Override
  protected int instancesCreated() {
    return cloud.vmsCreated();
  }

  @Override
  protected void failNextUpload() {
    cloud.failNextDownload("HTTP Server returned 404 (expected 200 OK)");
  }

  @Override
  protected void failNextBoot(String reason) {
    cloud.failNextJob("deployVirtualMachine", reason);
  }

  @Override
  protected void instancesNeverRun() {
    cloud.vmsNeverRun = true;
  }

  @Override
  protected void failInstanceDeletes(int times) {
    cloud.fail("destroyvirtualmachine", times, 530, null, "Failed to destroy vm");
  }

  @Override
  protected void loseBootReply() {
    cloud.loseReply("deployvirtualmachine");
  }

  @Override
  protected Map<String, String> tagsOf(String id) {
    return cloud.tagsOf(id);
  }

  @Override
  protected boolean hasConsole() {
    return false;
  }

  @Override
  protected Path cloudsFile(Path dir) throws IOException {
    return CloudStackFaultCloud.cloudsFile(cloud, dir);
  }

  @Override
  protected String[] childImage() {
    return new String[] {image().url().toString(), "qcow2"};
  }
}
