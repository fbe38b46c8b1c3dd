package io.jenkins.plugins.cloudimages.deploy;

import java.util.List;

/**
 * One cloud. A driver does the cloud-specific calls; the deployer around it owns the per-build SSH
 * key, host key pinning, timeouts, heartbeat and the guarantee that everything created is destroyed
 * on every exit path. Every method may block; each gets the deadline of its phase.
 */
public interface CloudDriver {

  /**
   * The driver's registry name: local, docker, openstack, opennebula, cloudstack, ec2, ovirt,
   * vsphere.
   */
  String type();

  /** Makes the image bootable in the cloud (upload, import or register from its URL). */
  CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException;

  /**
   * Starts an instance of the image. The returned list holds the instance first, then anything else
   * created for it (floating IP, volume) so that each can be destroyed.
   */
  List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException;

  /** Waits until the instance runs and has an address reachable from here. */
  InstanceAddress awaitAddress(CloudResource instance, Deadline deadline) throws CloudException;

  /** The serial console so far (empty when the cloud has none). */
  String consoleOutput(CloudResource instance) throws CloudException;

  /** Destroys one resource; a resource that is already gone counts as destroyed. */
  void delete(CloudResource resource, Deadline deadline) throws CloudException;

  /** Refreshes the heartbeat tag of a resource this build owns. */
  void heartbeat(CloudResource resource, java.time.Instant now) throws CloudException;

  /** Every resource carrying the cloudimg tags, for the janitor. */
  List<CloudResource> listOwned() throws CloudException;
}
