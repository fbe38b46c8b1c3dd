package io.jenkins.plugins.cloudimages.deploy.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.http.CloudHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls to the OpenStack services with the Keystone token: JSON in and out, one fresh
 * authentication and retry when a service answers 401, and errors that say what the service
 * answered. Deletes are retried while the service answers 409 or 5xx.
 */
final class OpenStackHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, HttpHeaders headers, JsonNode body, String text) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient client;
  private final Keystone keystone;
  private final Duration requestTimeout;
  private final Duration pollInterval;

  OpenStackHttp(HttpClient client, Keystone keystone, OpenStackSettings settings) {
    this.client = client;
    this.keystone = keystone;
    this.requestTimeout = settings.requestTimeout();
    this.pollInterval = settings.pollInterval();
  }

  Keystone keystone() {
    return keystone;
  }

  /** A JSON call that must succeed; {@code body} may be null. */
  JsonNode json(String method, String url, JsonNode body, String what) throws CloudException {
    Response response =
        send(
            method,
            url,
            body == null ? Map.of() : Map.of("Content-Type", "application/json"),
            body == null ? null : HttpRequest.BodyPublishers.ofString(body.toString()),
            requestTimeout,
            what);
    return response.body();
  }

  /**
   * Every item of a collection under {@code key}, following the {@code <key>_links} next links of
   * Nova and Neutron when the service paginates.
   */
  List<JsonNode> collect(String url, String key) throws CloudException {
    List<JsonNode> all = new ArrayList<>();
    String next = url;
    while (next != null) {
      JsonNode page = json("GET", next, null, "listing " + key);
      page.path(key).forEach(all::add);
      next = null;
      for (JsonNode link : page.path(key + "_links")) {
        if (link.path("rel").asText().equals("next")) {
          next = link.path("href").asText();
        }
      }
    }
    return all;
  }

  /** A call that must succeed. */
  Response send(
      String method,
      String url,
      Map<String, String> headers,
      BodyPublisher body,
      Duration timeout,
      String what)
      throws CloudException {
    Response response = exchange(method, url, headers, body, timeout, what);
    if (!response.ok()) {
      throw failure(what, response);
    }
    return response;
  }

  /** A call whose status the caller judges; a 401 is answered by authenticating again, once. */
  Response exchange(
      String method,
      String url,
      Map<String, String> headers,
      BodyPublisher body,
      Duration timeout,
      String what)
      throws CloudException {
    String token = keystone.token().id();
    Response response = once(method, url, headers, body, timeout, what, token);
    if (response.status() == 401) {
      keystone.refused(token);
      response = once(method, url, headers, body, timeout, what, keystone.token().id());
    }
    return response;
  }

  /**
   * Deletes {@code url}, retrying while the service answers 409 (still in use) or 5xx until the
   * deadline; a 404 is thrown as such (the caller counts it as done).
   */
  void delete(String url, Deadline deadline, String what) throws CloudException {
    while (true) {
      Response response = exchange("DELETE", url, Map.of(), null, timeout(deadline), what);
      if (response.ok()) {
        return;
      }
      boolean retry = response.status() == 409 || response.status() >= 500;
      if (!retry || deadline.passed()) {
        throw failure(what, response);
      }
      pause(deadline);
    }
  }

  /** Waits one poll interval, or what is left of {@code deadline} if that is shorter. */
  void pause(Deadline deadline) throws CloudException {
    long millis = Math.min(pollInterval.toMillis(), deadline.remaining().toMillis());
    try {
      Thread.sleep(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException(deadline.phase() + " interrupted", 0, e);
    }
  }

  /** The request timeout, shortened to what is left of {@code deadline} (at least a second). */
  Duration timeout(Deadline deadline) {
    Duration left = deadline.remaining();
    Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
    return timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout;
  }

  Duration requestTimeout() {
    return requestTimeout;
  }

  private Response once(
      String method,
      String url,
      Map<String, String> headers,
      BodyPublisher body,
      Duration timeout,
      String what,
      String token)
      throws CloudException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("X-Auth-Token", token)
            .header("Accept", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new CloudException(
          what + ": " + url + " gave no answer within " + timeout.toSeconds() + " s", 0, e);
    } catch (IOException e) {
      throw new CloudException(
          what
              + ": cannot reach "
              + url
              + " ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")",
          0,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException(what + ": interrupted", 0, e);
    }
    String text = response.body();
    JsonNode json = null;
    if (text != null && !text.isBlank() && text.strip().matches("(?s)[\\[{].*")) {
      try {
        json = JSON.readTree(text);
      } catch (IOException e) {
        json = null;
      }
    }
    return new Response(
        response.statusCode(), response.headers(), json == null ? JSON.missingNode() : json, text);
  }

  /** Runs {@code deletions} after {@code failure}, each as {@link CloudHttp#cleanUp} does. */
  static void cleanUp(Exception failure, List<CloudHttp.CleanupStep> deletions) {
    deletions.forEach(deletion -> CloudHttp.cleanUp(failure, deletion));
  }

  static CloudException failure(String what, Response response) {
    return new CloudException(
        what + ": HTTP " + response.status() + reason(response.text()), response.status(), null);
  }

  /**
   * What an error body says, as ": message": the {@code message} of the services' JSON faults
   * ({@code {"itemNotFound": {"message": ...}}}, {@code {"NeutronError": {...}}}, {@code {"error":
   * {...}}}) or the text of a plain or HTML body, shortened.
   */
  static String reason(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.isObject()) {
        if (json.hasNonNull("message")) {
          return ": " + json.get("message").asText();
        }
        for (JsonNode inner : json) {
          if (inner.hasNonNull("message")) {
            return ": " + inner.get("message").asText();
          }
        }
      }
    } catch (IOException notJson) {
      // plain text or HTML below
    }
    String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    return text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
  }
}
