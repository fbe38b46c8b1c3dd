package io.jenkins.plugins.cloudimages.deploy.ec2;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.FakeApiDeployerContract;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The deployer on the EC2 driver and {@link FakeEc2Server} (a fake, not AWS). */
class Ec2DeployerTest extends FakeApiDeployerContract {
  private final FakeEc2Server ec2 = new FakeEc2Server();

  @AfterEach
  void stop() {
    ec2.close();
  }

  @Override
  protected CloudDriver driver() {
    return new Ec2Driver(
        Ec2Driver.Settings.from(Ec2DriverTest.settings(ec2, Map.of())),
        new SigV4.Credentials(FakeEc2Server.ACCESS_KEY, FakeEc2Server.SECRET, null),
        Clock.systemUTC(),
        log::add);
  }

  @Override
  protected ImageSource image() throws IOException {
    return Ec2FaultCloud.image(temp);
  }

  @Override
  protected int live() {
    return ec2.live();
  }

  @Override
  protected String describeCloud() {
    return ec2.describe();
  }

  @Override
  protected int instancesCreated() {
    return ec2.instancesCreated();
  }

  @Override
  protected void failNextUpload() {
    ec2.failNextImport("ClientError: Disk validation failed [Unsupported VMDK File Format]");
  }

  @Override
  protected void failNextBoot(String reason) {
    ec2.failNextBoot(reason);
  }

  @Override
  protected void instancesNeverRun() {
    ec2.instancesNeverRun = true;
  }

  @Override
  protected void failInstanceDeletes(int times) {
    ec2.fail("TerminateInstances", times, 500, "InternalError", "An internal error has occurred");
  }

  @Override
  protected void loseBootReply() {
    ec2.loseReply("RunInstances");
  }

  @Override
  protected Map<String, String> tagsOf(String id) {
    return ec2.tagsOf(id);
  }

  @Override
  protected void showConsole(String console) {
    ec2.console = console;
  }

  @Override
  protected Path cloudsFile(Path dir) throws IOException {
    return Ec2FaultCloud.cloudsFile(ec2, dir);
  }

  @Override
  protected String[] childImage() throws IOException {
    return new String[] {image().file().toString(), "raw"};
  }
}
