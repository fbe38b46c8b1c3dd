package io.jenkins.plugins.cloudimages.deploy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build's tags as one line of JSON, for clouds that have no key-value tags on the resource but
 * a free text field (oVirt's description, a vSphere tag's description). Text that is not such a
 * line reads as no tags, so resources that cloudimg did not create are never taken for its own.
 */
public final class TagText {
  private TagText() {}

  public static String encode(Map<String, String> tags) {
    ObjectNode node = CloudHttp.mapper().createObjectNode();
    tags.forEach(node::put);
    return node.toString();
  }

  /** The tags in {@code text}; empty when the text is not cloudimg's. */
  public static Map<String, String> decode(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (text == null || !text.startsWith("{")) {
      return tags;
    }
    try {
      JsonNode node = CloudHttp.mapper().readTree(text);
      if (node.path(BuildIdentity.TAG_OWNER).isTextual()) {
        node.fields().forEachRemaining(f -> tags.put(f.getKey(), f.getValue().asText()));
      }
    } catch (IOException notOurs) {
      tags.clear();
    }
    return tags;
  }

  /** {@code tags} with the heartbeat set to {@code now}. */
  public static Map<String, String> withHeartbeat(Map<String, String> tags, Instant now) {
    Map<String, String> copy = new LinkedHashMap<>(tags);
    copy.put(BuildIdentity.TAG_HEARTBEAT, now.toString());
    return copy;
  }
}
