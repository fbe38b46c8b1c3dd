package io.jenkins.plugins.cloudimages.deploy.vsphere;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.DriverCleanupContract;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import org.junit.jupiter.api.AfterEach;

/** The deployer's cleanup guarantees with the vSphere driver against {@link FakeVsphere}. */
class VsphereDeployerTest extends DriverCleanupContract {
  private final FakeVsphere fake = new FakeVsphere();

  @AfterEach
  void stop() {
    fake.close();
  }

  @Override
  protected CloudDriver driver() {
    return VsphereDriverTest.driver(fake, FakeVsphere.PASSWORD);
  }

  @Override
  protected boolean running(String instanceId) {
    return fake.running(instanceId);
  }

  @Override
  protected int leftovers() {
    return fake.leftovers();
  }

  @Override
  protected ImageSource image() throws Exception {
    return VsphereDriverTest.vmdk(temp);
  }
}
