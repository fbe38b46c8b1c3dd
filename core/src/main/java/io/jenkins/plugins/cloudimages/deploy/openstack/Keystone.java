package io.jenkins.plugins.cloudimages.deploy.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Tokens from Keystone: v3 ({@code POST /v3/auth/tokens}, password scoped to a project or an
 * application credential; the token is the {@code X-Subject-Token} header) or v2.0 ({@code POST
 * /v2.0/tokens} with a tenant; the token is {@code access.token.id}). A token is reused until a
 * minute before it expires (sooner for short-lived tokens) or until a service refuses it.
 */
final class Keystone {

  /** Supplies the account lazily, so that a missing variable is reported on first use. */
  @FunctionalInterface
  interface CredentialsSource {
    OpenStackCredentials get() throws CloudException;
  }

  /**
   * A token and when to replace it: a minute before it expires, or after three quarters of its life
   * when it lives less than four minutes.
   */
  record Token(String id, Instant refreshAt, ServiceCatalog catalog) {
    static Token of(String id, Instant issued, Instant expires, ServiceCatalog catalog) {
      if (expires == null) {
        return new Token(id, null, catalog);
      }
      Duration margin = Duration.between(issued, expires).dividedBy(4);
      return new Token(id, expires.minus(margin.compareTo(MARGIN) < 0 ? margin : MARGIN), catalog);
    }
  }

  private static final Duration MARGIN = Duration.ofMinutes(1);

  private final HttpClient client;
  private final OpenStackSettings settings;
  private final CredentialsSource credentials;
  private final Clock clock;
  private Token current;

  Keystone(
      HttpClient client, OpenStackSettings settings, CredentialsSource credentials, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.credentials = credentials;
    this.clock = clock;
  }

  synchronized Token token() throws CloudException {
    if (current == null
        || current.refreshAt() != null && !clock.instant().isBefore(current.refreshAt())) {
      current = settings.identityV2() ? authenticateV2() : authenticateV3();
    }
    return current;
  }

  /** Forgets {@code id} after a service answered 401 to it; the next call authenticates again. */
  synchronized void refused(String id) {
    if (current != null && current.id().equals(id)) {
      current = null;
    }
  }

  /** The URL of service {@code type} for the configured interface and region. */
  String endpoint(String type) throws CloudException {
    return token().catalog().url(type, settings.endpointInterface(), settings.region());
  }

  boolean hasService(String type) throws CloudException {
    return token().catalog().has(type);
  }

  private Token authenticateV3() throws CloudException {
    OpenStackCredentials c = credentials.get();
    ObjectNode auth = OpenStackHttp.JSON.createObjectNode();
    ObjectNode identity = auth.putObject("auth").putObject("identity");
    if (c.isApplicationCredential()) {
      identity.putArray("methods").add("application_credential");
      ObjectNode app = identity.putObject("application_credential");
      if (c.applicationCredentialId() != null) {
        app.put("id", c.applicationCredentialId());
      } else {
        app.put("name", c.applicationCredentialName());
        user(app.putObject("user"), c);
      }
      app.put("secret", c.applicationCredentialSecret());
    } else {
      identity.putArray("methods").add("password");
      ObjectNode user = identity.putObject("password").putObject("user");
      user(user, c);
      user.put("password", c.password());
      ObjectNode project = ((ObjectNode) auth.get("auth")).putObject("scope").putObject("project");
      if (c.projectId() != null) {
        project.put("id", c.projectId());
      } else {
        project.put("name", c.project());
        domain(
            project,
            c.projectDomainId() != null || c.projectDomain() != null
                ? c.projectDomainId()
                : c.userDomainId(),
            c.projectDomain() != null || c.projectDomainId() != null
                ? c.projectDomain()
                : c.userDomain());
      }
    }
    String url = versioned("/v3") + "/auth/tokens";
    HttpResponse<String> response = post(url, auth);
    JsonNode body = parse(response, url);
    String token = response.headers().firstValue("X-Subject-Token").orElse(null);
    if (token == null) {
      throw new CloudException("Keystone at " + url + " answered no X-Subject-Token header");
    }
    JsonNode catalog = body.path("token").path("catalog");
    if (!catalog.isArray() || catalog.isEmpty()) {
      throw new CloudException(
          "Keystone at " + url + " gave a token without a service catalog (is it scoped?)");
    }
    return Token.of(
        token,
        clock.instant(),
        instant(body.path("token").path("expires_at")),
        ServiceCatalog.fromV3(catalog));
  }

  private static void user(ObjectNode user, OpenStackCredentials c) {
    if (c.userId() != null) {
      user.put("id", c.userId());
    } else {
      user.put("name", c.username());
      domain(user, c.userDomainId(), c.userDomain());
    }
  }

  private static void domain(ObjectNode owner, String id, String name) {
    ObjectNode domain = owner.putObject("domain");
    if (id != null) {
      domain.put("id", id);
    } else {
      domain.put("name", name == null ? "Default" : name);
    }
  }

  private Token authenticateV2() throws CloudException {
    OpenStackCredentials c = credentials.get();
    if (c.isApplicationCredential() || c.username() == null) {
      throw new CloudException(
          "cloud "
              + settings.cloud()
              + ": Keystone v2.0 takes a username, password and project (tenant)");
    }
    ObjectNode root = OpenStackHttp.JSON.createObjectNode();
    ObjectNode auth = root.putObject("auth");
    if (c.projectId() != null) {
      auth.put("tenantId", c.projectId());
    } else {
      auth.put("tenantName", c.project());
    }
    auth.putObject("passwordCredentials")
        .put("username", c.username())
        .put("password", c.password());
    String url = versioned("/v2.0") + "/tokens";
    JsonNode access = parse(post(url, root), url).path("access");
    String token = access.path("token").path("id").asText(null);
    if (token == null) {
      throw new CloudException("Keystone at " + url + " answered no access.token.id");
    }
    return Token.of(
        token,
        clock.instant(),
        instant(access.path("token").path("expires")),
        ServiceCatalog.fromV2(access.path("serviceCatalog")));
  }

  /** The auth URL with {@code version} at its end, added when the configured URL has none. */
  private String versioned(String version) {
    String url = settings.authUrl();
    return url.endsWith(version) ? url : url.replaceFirst("/v[0-9.]+$", "") + version;
  }

  private HttpResponse<String> post(String url, JsonNode body) throws CloudException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CloudException(
          "authenticating at "
              + url
              + ": cannot reach Keystone ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")",
          0,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException("authenticating at " + url + ": interrupted", 0, e);
    }
  }

  private JsonNode parse(HttpResponse<String> response, String url) throws CloudException {
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      throw new CloudException(
          "authenticating at "
              + url
              + " for cloud "
              + settings.cloud()
              + " failed: HTTP "
              + status
              + OpenStackHttp.reason(response.body()),
          status,
          null);
    }
    try {
      return OpenStackHttp.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CloudException("Keystone at " + url + " answered no JSON", 0, e);
    }
  }

  private static Instant instant(JsonNode value) {
    if (!value.isTextual()) {
      return null;
    }
    String text = value.asText();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text + (text.endsWith("Z") ? "" : "Z"));
      } catch (DateTimeParseException unknown) {
        return null;
      }
    }
  }
}
