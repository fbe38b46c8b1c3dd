package io.jenkins.plugins.cloudimages.deploy;

import java.time.Instant;
import java.util.List;

/** A driver that hands every call to another; tests override the calls they change. */
public abstract class ForwardingDriver implements CloudDriver {
  protected final CloudDriver cloud;

  protected ForwardingDriver(CloudDriver cloud) {
    this.cloud = cloud;
  }

  @Override
  public String type() {
    return cloud.type();
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    return cloud.uploadImage(image, build, deadline);
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    return cloud.boot(image, spec, deadline);
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    return cloud.awaitAddress(instance, deadline);
  }

  @Override
  public String consoleOutput(CloudResource instance) throws CloudException {
    return cloud.consoleOutput(instance);
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    cloud.delete(resource, deadline);
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    cloud.heartbeat(resource, now);
  }

  @Override
  public List<CloudResource> listOwned() throws CloudException {
    return cloud.listOwned();
  }
}
