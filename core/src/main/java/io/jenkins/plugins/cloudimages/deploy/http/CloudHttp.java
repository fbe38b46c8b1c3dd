package io.jenkins.plugins.cloudimages.deploy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP side shared by the REST and XML-RPC cloud drivers: one call bounded by its phase's
 * deadline, an answer outside 2xx turned into a {@link CloudException} that carries the status and
 * the cloud's own message, and a pause between polls that gives up at the deadline.
 */
public final class CloudHttp {
  /** The limit of a call made outside any phase (heartbeat, listing). */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client;
  private final String cloud;

  /**
   * @param cloud the driver type, which starts every error message
   */
  public CloudHttp(String cloud) {
    this.cloud = cloud;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** An answer: status and body. */
  public record Answer(int status, String body) {
    public JsonNode json() throws CloudException {
      if (body.isBlank()) {
        return JSON.nullNode();
      }
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new CloudException("the cloud answered something that is not JSON: " + clip(body));
      }
    }
  }

  /**
   * Sends {@code request} and returns its answer when the status is 2xx; throws otherwise, with
   * {@code action} (what was being done) and the cloud's message.
   */
  public Answer send(HttpRequest.Builder request, Deadline deadline, String action)
      throws CloudException {
    return successful(sendAny(request, deadline, action), action);
  }

  /** Sends {@code request} and returns its answer whatever the status. */
  public Answer sendAny(HttpRequest.Builder request, Deadline deadline, String action)
      throws CloudException {
    Duration timeout = deadline == null ? CALL_TIMEOUT : min(deadline.remaining(), CALL_TIMEOUT);
    if (deadline != null && timeout.isZero()) {
      throw new CloudException(cloud + ": " + action + ": " + deadline.phase() + " timed out");
    }
    return exchange(request.timeout(timeout).build(), action);
  }

  /**
   * Sends a request that may take as long as its phase allows — an upload streaming from disk, a
   * deployment copying a disk — since such a call takes longer than any per-call limit.
   */
  public Answer sendLong(HttpRequest.Builder request, Deadline deadline, String action)
      throws CloudException {
    deadline.check();
    return successful(exchange(request.timeout(deadline.remaining()).build(), action), action);
  }

  /** The answer when its status is 2xx; otherwise a failure with the cloud's message. */
  private Answer successful(Answer answer, String action) throws CloudException {
    if (answer.status() / 100 != 2) {
      throw new CloudException(
          cloud + ": " + action + ": HTTP " + answer.status() + ": " + message(answer.body()),
          answer.status(),
          null);
    }
    return answer;
  }

  private Answer exchange(HttpRequest request, String action) throws CloudException {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new CloudException(
          cloud + ": " + action + ": " + request.uri().getHost() + ": " + describe(e), 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException(cloud + ": " + action + ": interrupted", 0, e);
    }
  }

  /** One step of cleaning up after a failure. */
  @FunctionalInterface
  public interface CleanupStep {
    void run() throws CloudException;
  }

  /**
   * Runs a cleanup step after {@code failure} even when the thread was interrupted (an aborted call
   * must still remove what it created), restoring the interrupt afterwards. What is already gone
   * counts as cleaned; other errors are attached to {@code failure}.
   */
  public static void cleanUp(Exception failure, CleanupStep step) {
    boolean interrupted = Thread.interrupted();
    try {
      step.run();
    } catch (CloudException e) {
      if (!e.isNotFound()) {
        failure.addSuppressed(e);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits {@code interval} (less when the deadline comes first) before the next poll. */
  public static void pause(Duration interval, Deadline deadline) throws CloudException {
    deadline.check();
    long millis = Math.min(interval.toMillis(), deadline.remaining().toMillis());
    try {
      Thread.sleep(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException(deadline.phase() + " interrupted", 0, e);
    }
  }

  /** {@code base} with {@code path} appended (base may end with a slash or not). */
  public static URI resolve(String base, String path) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(trimmed + path);
  }

  /** The JSON text of {@code node}. */
  public static String json(JsonNode node) {
    return node.toString();
  }

  public static ObjectMapper mapper() {
    return JSON;
  }

  /**
   * The cloud's own words from an error body: the usual message fields of oVirt ({@code
   * fault.reason}/{@code detail}), vSphere ({@code messages[].default_message}) and others, else
   * the beginning of the body.
   */
  static String message(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        JsonNode fault = node.has("fault") ? node.get("fault") : node;
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {"reason", "detail", "error_message", "message"}) {
          if (fault.path(field).isTextual()) {
            text.append(text.isEmpty() ? "" : ": ").append(fault.get(field).asText());
          }
        }
        for (JsonNode m : fault.path("messages")) {
          text.append(text.isEmpty() ? "" : ": ").append(m.path("default_message").asText());
        }
        if (fault.path("error_type").isTextual()) {
          text.insert(0, fault.get("error_type").asText() + (text.isEmpty() ? "" : " "));
        }
        if (!text.isEmpty()) {
          return text.toString();
        }
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    return clip(body);
  }

  static String clip(String body) {
    String text = body.strip().replaceAll("\\s+", " ");
    return text.isEmpty()
        ? "(empty answer)"
        : text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
