package io.jenkins.plugins.cloudimages.deploy.opennebula;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.ExecGuest;
import io.jenkins.plugins.cloudimages.deploy.FaultCloud;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import java.nio.file.Path;

/** The OpenNebula driver against {@link FakeOpenNebula} (a fake) in the fault-injection run. */
public final class OpenNebulaFaultCloud implements FaultCloud {
  private final FakeOpenNebula fake = new FakeOpenNebula();
  private final Path dir;

  public OpenNebulaFaultCloud(Path dir) {
    this.dir = dir;
  }

  @Override
  public CloudDriver driver() {
    return new ExecGuest(
        OpenNebulaDriverTest.driver(fake, FakeOpenNebula.SESSION),
        id -> fake.running(Integer.parseInt(id)));
  }

  @Override
  public ImageSource image() throws Exception {
    return OpenNebulaDriverTest.IMAGE;
  }

  @Override
  public int leftovers() {
    return fake.leftovers();
  }

  @Override
  public String describe() {
    return fake.leftovers() + " images or VMs left";
  }

  @Override
  public void close() {
    fake.close();
  }
}
