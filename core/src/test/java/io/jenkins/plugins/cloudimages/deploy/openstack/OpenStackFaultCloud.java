package io.jenkins.plugins.cloudimages.deploy.openstack;

import io.jenkins.plugins.cloudimages.deploy.ChildClouds;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.ExecGuest;
import io.jenkins.plugins.cloudimages.deploy.FaultCloud;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.registry.DriverRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OpenStack driver against {@link FakeOpenStack} (a fake written from the API reference) in the
 * fault-injection run, with and without a Neutron floating IP.
 */
public final class OpenStackFaultCloud implements FaultCloud {
  private final FakeOpenStack fake;
  private final Path dir;

  public OpenStackFaultCloud(Path dir) throws IOException {
    this.fake = FakeOpenStack.start();
    this.dir = dir;
  }

  @Override
  public CloudDriver driver() {
    try {
      return new ExecGuest(DriverRegistry.create(fake.cloud(dir), line -> {}), id -> true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ImageSource image() throws IOException {
    Path file = Files.write(dir.resolve("CentOS-9-x86_64-GenericCloud.qcow2"), new byte[4096]);
    return new ImageSource("CentOS-9-x86_64-GenericCloud", file, null, "qcow2", null);
  }

  @Override
  public int leftovers() {
    return fake.resources();
  }

  @Override
  public String describe() {
    return fake.images()
        + " images, "
        + fake.servers()
        + " servers, "
        + fake.floatingIps()
        + " floating IPs";
  }

  @Override
  public boolean floatingIps() {
    return true;
  }

  @Override
  public boolean runChild(Path dir, Point point, Mode mode)
      throws IOException, InterruptedException {
    return ChildClouds.run(dir, fake.cloud(dir), this::image, point, mode);
  }

  @Override
  public void close() {
    fake.close();
  }
}
