package io.jenkins.plugins.cloudimages.deploy.opennebula;

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
import java.util.Map;

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
  public boolean runChild(Path dir, Point point, Mode mode)
      throws IOException, InterruptedException {
    return ChildClouds.run(
        dir,
        CloudSettings.withCredentialsText(
            "fake",
            "opennebula",
            fake.endpoint().toString(),
            FakeOpenNebula.SESSION,
            null,
            FakeOpenNebula.NETWORK,
            Map.of("pollSeconds", "1")),
        this::image,
        point,
        mode);
  }

  @Override
  public void close() {
    fake.close();
  }
}
