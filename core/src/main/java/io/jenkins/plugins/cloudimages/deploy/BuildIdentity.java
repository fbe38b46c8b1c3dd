package io.jenkins.plugins.cloudimages.deploy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who owns a cloud resource: the controller (Jenkins URL or CLI host) and the build, and which of
 * the build's deployments created it (null outside a deployment). Written on every resource as
 * tags, together with a heartbeat time that is refreshed while the build lives, so that the janitor
 * removes only resources whose owner went away and a deployment's final sweep removes only its own.
 */
public record BuildIdentity(String owner, String build, String deployment) {
  public static final String TAG_OWNER = "cloudimg-owner";
  public static final String TAG_BUILD = "cloudimg-build";
  public static final String TAG_DEPLOYMENT = "cloudimg-deployment";
  public static final String TAG_HEARTBEAT = "cloudimg-heartbeat";

  public BuildIdentity(String owner, String build) {
    this(owner, build, null);
  }

  public BuildIdentity withDeployment(String id) {
    return new BuildIdentity(owner, build, id);
  }

  public Map<String, String> tags(Instant heartbeat) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TAG_OWNER, owner);
    tags.put(TAG_BUILD, build);
    if (deployment != null) {
      tags.put(TAG_DEPLOYMENT, deployment);
    }
    tags.put(TAG_HEARTBEAT, heartbeat.toString());
    return tags;
  }

  /** Whether {@code resource} was created by this deployment (or build, when no deployment). */
  public boolean owns(CloudResource resource) {
    Map<String, String> tags = resource.tags();
    return owner.equals(tags.get(TAG_OWNER))
        && build.equals(tags.get(TAG_BUILD))
        && (deployment == null || deployment.equals(tags.get(TAG_DEPLOYMENT)));
  }
}
