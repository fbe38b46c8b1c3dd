package io.jenkins.plugins.cloudimages.deploy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who owns a cloud resource: the controller (Jenkins URL or CLI host) and the build. Written on
 * every resource as tags, together with a heartbeat time that is refreshed while the build lives,
 * so that the janitor removes only resources whose owner went away.
 */
public record BuildIdentity(String owner, String build) {
  public static final String TAG_OWNER = "cloudimg-owner";
  public static final String TAG_BUILD = "cloudimg-build";
  public static final String TAG_HEARTBEAT = "cloudimg-heartbeat";

  public Map<String, String> tags(Instant heartbeat) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TAG_OWNER, owner);
    tags.put(TAG_BUILD, build);
    tags.put(TAG_HEARTBEAT, heartbeat.toString());
    return tags;
  }
}
