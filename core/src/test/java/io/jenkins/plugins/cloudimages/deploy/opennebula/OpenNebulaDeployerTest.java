package io.jenkins.plugins.cloudimages.deploy.opennebula;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.DriverCleanupContract;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import org.junit.jupiter.api.AfterEach;

/** The deployer's cleanup guarantees with the OpenNebula driver against {@link FakeOpenNebula}. */
class OpenNebulaDeployerTest extends DriverCleanupContract {
  private final FakeOpenNebula fake = new FakeOpenNebula();

  @AfterEach
  void stop() {
    fake.close();
  }

  @Override
  protected CloudDriver driver() {
    return OpenNebulaDriverTest.driver(fake, FakeOpenNebula.SESSION);
  }

  @Override
  protected boolean running(String instanceId) {
    return fake.running(Integer.parseInt(instanceId));
  }

  @Override
  protected int leftovers() {
    return fake.leftovers();
  }

  @Override
  protected ImageSource image() {
    return OpenNebulaDriverTest.IMAGE;
  }
}
