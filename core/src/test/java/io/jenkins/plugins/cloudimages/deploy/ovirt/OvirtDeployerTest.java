package io.jenkins.plugins.cloudimages.deploy.ovirt;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.DriverCleanupContract;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import org.junit.jupiter.api.AfterEach;

/** The deployer's cleanup guarantees with the oVirt driver against {@link FakeOvirt}. */
class OvirtDeployerTest extends DriverCleanupContract {
  private final FakeOvirt fake = new FakeOvirt();

  @AfterEach
  void stop() {
    fake.close();
  }

  @Override
  protected CloudDriver driver() {
    return OvirtDriverTest.driver(fake, FakeOvirt.PASSWORD);
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
    return OvirtDriverTest.qcow2(temp);
  }
}
