package io.jenkins.plugins.cloudimages.deploy.ovirt;

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

/** The oVirt driver against {@link FakeOvirt} (a fake) in the fault-injection run. */
public final class OvirtFaultCloud implements FaultCloud {
  private final FakeOvirt fake = new FakeOvirt();
  private final Path dir;

  public OvirtFaultCloud(Path dir) {
    this.dir = dir;
  }

  @Override
  public CloudDriver driver() {
    return new ExecGuest(OvirtDriverTest.driver(fake, FakeOvirt.PASSWORD), id -> fake.running(id));
  }

  @Override
  public ImageSource image() throws Exception {
    return OvirtDriverTest.qcow2(dir);
  }

  @Override
  public int leftovers() {
    return fake.leftovers();
  }

  @Override
  public String describe() {
    return fake.leftovers() + " disks or VMs left";
  }

  @Override
  public boolean runChild(Path dir, Point point, Mode mode)
      throws IOException, InterruptedException {
    return ChildClouds.run(
        dir,
        CloudSettings.withCredentialsText(
            "fake",
            "ovirt",
            fake.endpoint(),
            FakeOvirt.USER + ":" + FakeOvirt.PASSWORD,
            null,
            "lab",
            Map.of("storageDomain", "data", "pollSeconds", "1")),
        this::image,
        point,
        mode);
  }

  @Override
  public void close() {
    fake.close();
  }
}
