package io.jenkins.plugins.cloudimages.deploy.vsphere;

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

/** The vSphere driver against {@link FakeVsphere} (a fake) in the fault-injection run. */
public final class VsphereFaultCloud implements FaultCloud {
  private final FakeVsphere fake = new FakeVsphere();
  private final Path dir;

  public VsphereFaultCloud(Path dir) {
    this.dir = dir;
  }

  @Override
  public CloudDriver driver() {
    return new ExecGuest(
        VsphereDriverTest.driver(fake, FakeVsphere.PASSWORD), id -> fake.running(id));
  }

  @Override
  public ImageSource image() throws Exception {
    return VsphereDriverTest.vmdk(dir);
  }

  @Override
  public int leftovers() {
    return fake.leftovers();
  }

  @Override
  public String describe() {
    return fake.leftovers() + " library items or VMs left";
  }

  @Override
  public boolean runChild(Path dir, Point point, Mode mode)
      throws IOException, InterruptedException {
    return ChildClouds.run(
        dir,
        CloudSettings.withCredentialsText(
            "fake",
            "vsphere",
            fake.uri().toString(),
            FakeVsphere.USER + ":" + FakeVsphere.PASSWORD,
            null,
            "lab",
            Map.of(
                "library",
                FakeVsphere.LIBRARY,
                "resourcePool",
                FakeVsphere.POOL,
                "pollSeconds",
                "1")),
        this::image,
        point,
        mode);
  }

  @Override
  public void close() {
    fake.close();
  }
}
