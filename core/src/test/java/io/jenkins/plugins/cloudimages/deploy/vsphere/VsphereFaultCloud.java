package io.jenkins.plugins.cloudimages.deploy.vsphere;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.ExecGuest;
import io.jenkins.plugins.cloudimages.deploy.FaultCloud;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import java.nio.file.Path;

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
  public void close() {
    fake.close();
  }
}
