package io.jenkins.plugins.cloudimages.deploy.openstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OpenStack account: a user with a password scoped to a project, or an application credential.
 * Written as {@code key=value} lines (an openrc file with {@code export OS_USERNAME=...} lines
 * works too) or as one JSON object with the same keys:
 *
 * <pre>
 * username, userId, password, userDomain, userDomainId,
 * project (tenantName on Keystone v2.0), projectId, projectDomain, projectDomainId,
 * applicationCredentialId, applicationCredentialName, applicationCredentialSecret
 * </pre>
 *
 * Domains default to {@code Default}; the project's domain defaults to the user's.
 */
public record OpenStackCredentials(
    String username,
    String userId,
    String password,
    String userDomain,
    String userDomainId,
    String project,
    String projectId,
    String projectDomain,
    String projectDomainId,
    String applicationCredentialId,
    String applicationCredentialName,
    String applicationCredentialSecret) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** openrc variable names and the key each one stands for. */
  private static final Map<String, String> OPENRC =
      Map.ofEntries(
          Map.entry("OS_USERNAME", "username"),
          Map.entry("OS_USER_ID", "userId"),
          Map.entry("OS_PASSWORD", "password"),
          Map.entry("OS_USER_DOMAIN_NAME", "userDomain"),
          Map.entry("OS_USER_DOMAIN_ID", "userDomainId"),
          Map.entry("OS_PROJECT_NAME", "project"),
          Map.entry("OS_TENANT_NAME", "project"),
          Map.entry("OS_PROJECT_ID", "projectId"),
          Map.entry("OS_TENANT_ID", "projectId"),
          Map.entry("OS_PROJECT_DOMAIN_NAME", "projectDomain"),
          Map.entry("OS_PROJECT_DOMAIN_ID", "projectDomainId"),
          Map.entry("OS_APPLICATION_CREDENTIAL_ID", "applicationCredentialId"),
          Map.entry("OS_APPLICATION_CREDENTIAL_NAME", "applicationCredentialName"),
          Map.entry("OS_APPLICATION_CREDENTIAL_SECRET", "applicationCredentialSecret"));

  private static final java.util.Set<String> KEYS =
      java.util.Set.of(
          "username",
          "userId",
          "password",
          "userDomain",
          "userDomainId",
          "project",
          "tenantName",
          "projectId",
          "tenantId",
          "projectDomain",
          "projectDomainId",
          "applicationCredentialId",
          "applicationCredentialName",
          "applicationCredentialSecret");

  /**
   * Parses {@code text}; {@code source} names where it came from (a file or an environment
   * variable) in messages, which never repeat a secret.
   */
  public static OpenStackCredentials parse(String text, String source) throws CloudException {
    if (text == null || text.isBlank()) {
      throw new CloudException(source + ": no OpenStack credentials configured");
    }
    Map<String, String> values =
        text.strip().startsWith("{") ? fromJson(text, source) : fromLines(text, source);
    OpenStackCredentials c =
        new OpenStackCredentials(
            values.get("username"),
            values.get("userId"),
            values.get("password"),
            values.get("userDomain"),
            values.get("userDomainId"),
            first(values.get("project"), values.get("tenantName")),
            first(values.get("projectId"), values.get("tenantId")),
            values.get("projectDomain"),
            values.get("projectDomainId"),
            values.get("applicationCredentialId"),
            values.get("applicationCredentialName"),
            values.get("applicationCredentialSecret"));
    c.check(source);
    return c;
  }

  public boolean isApplicationCredential() {
    return applicationCredentialSecret != null;
  }

  private void check(String source) throws CloudException {
    if (isApplicationCredential()) {
      if (applicationCredentialId == null
          && (applicationCredentialName == null || (username == null && userId == null))) {
        throw new CloudException(
            source
                + ": an application credential needs applicationCredentialId, or"
                + " applicationCredentialName with username or userId");
      }
      return;
    }
    if ((username == null && userId == null) || password == null) {
      throw new CloudException(
          source
              + ": OpenStack credentials need username (or userId) and password, or"
              + " applicationCredentialId and applicationCredentialSecret");
    }
    if (project == null && projectId == null) {
      throw new CloudException(source + ": OpenStack credentials need project or projectId");
    }
  }

  private static Map<String, String> fromJson(String text, String source) throws CloudException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw new CloudException(
          source + ":" + line + ": error: not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new CloudException(source + ":1: error: expected a JSON object of credentials");
    }
    Map<String, String> values = new LinkedHashMap<>();
    var fields = root.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      put(values, field.getKey(), field.getValue().asText(), source + ": error");
    }
    return values;
  }

  private static Map<String, String> fromLines(String text, String source) throws CloudException {
    Map<String, String> values = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("unset ")) {
        continue;
      }
      line = line.replaceFirst("^export\\s+", "");
      int eq = line.indexOf('=');
      String where = source + ":" + (i + 1) + ": error";
      if (eq <= 0) {
        throw new CloudException(where + ": expected key=value");
      }
      String key = line.substring(0, eq).strip();
      String value = unquote(line.substring(eq + 1).strip());
      if (key.startsWith("OS_")) {
        if (OPENRC.containsKey(key)) {
          put(values, OPENRC.get(key), value, where);
        }
        continue; // the other OS_ variables (auth URL, region, interface) are the cloud's settings
      }
      put(values, key, value, where);
    }
    return values;
  }

  private static void put(Map<String, String> values, String key, String value, String where)
      throws CloudException {
    if (!KEYS.contains(key)) {
      throw new CloudException(where + ": unknown key " + key + " (known: " + sorted() + ")");
    }
    if (!value.isEmpty()) {
      values.put(key, value);
    }
  }

  private static String sorted() {
    return String.join(", ", new java.util.TreeSet<>(KEYS));
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  @Override
  public String toString() {
    return "OpenStackCredentials["
        + (isApplicationCredential()
            ? "application credential " + first(applicationCredentialId, applicationCredentialName)
            : "user " + first(username, userId) + ", project " + first(project, projectId))
        + "]";
  }
}
