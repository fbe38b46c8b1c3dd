package io.jenkins.plugins.cloudimages.deploy.cloudstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.Pacing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Signed CloudStack API calls (form POSTs with {@code response=json}) and the polling of
 * asynchronous jobs with {@code queryAsyncJobResult}. Errors surface the answer's {@code errorcode}
 * and {@code errortext}; throttling (429) and unavailable servers (502-504) are retried; commands
 * that create something are sent once, so that a lost reply cannot create it twice.
 */
final class CloudStackClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> RETRIED = Set.of(429, 502, 503, 504);

  /** A command's answer (the object inside {@code <command>response}). */
  record Answer(JsonNode body) {
    String text(String field) {
      JsonNode value = body.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }
  }

  private final URI endpoint;
  private final String apiKey;
  private final String secretKey;
  private final HttpClient http;
  private final Pacing pacing;
  private final Consumer<String> log;

  CloudStackClient(
      URI endpoint, String apiKey, String secretKey, Pacing pacing, Consumer<String> log) {
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.secretKey = secretKey;
    this.pacing = pacing;
    this.log = log;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  }

  /** {@code API_KEY:SECRET_KEY}, as the clouds file's env variable or file holds them. */
  static String[] parseCredentials(String text, String cloud) throws CloudException {
    String[] parts = text == null ? new String[0] : text.strip().split(":", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new CloudException(
          "cloud "
              + cloud
              + ": cloudstack needs credentialsEnv or credentialsFile holding API_KEY:SECRET_KEY");
    }
    return parts;
  }

  /** Runs a command that reads or deletes: retried when throttled or unavailable. */
  Answer call(String command, Map<String, String> params) throws CloudException {
    return send(command, params, pacing.attempts());
  }

  /** Runs a command that creates something: sent once. */
  Answer callOnce(String command, Map<String, String> params) throws CloudException {
    return send(command, params, 1);
  }

  /**
   * Waits for asynchronous job {@code jobId} (jobstatus 0 pending, 1 done, 2 failed) and returns
   * its {@code jobresult}; a failed job throws with its errortext.
   */
  JsonNode awaitJob(String command, String jobId, Deadline deadline) throws CloudException {
    while (true) {
      Answer job = call("queryAsyncJobResult", Map.of("jobid", jobId));
      int status = job.body().path("jobstatus").asInt(0);
      JsonNode result = job.body().path("jobresult");
      if (status == 1) {
        return result;
      }
      if (status == 2) {
        throw new CloudException(
            "cloudstack "
                + command
                + " failed (job "
                + jobId
                + ", error "
                + result.path("errorcode").asInt()
                + "): "
                + result.path("errortext").asText("no errortext"),
            result.path("errorcode").asInt(),
            null);
      }
      pacing.pause(deadline);
    }
  }

  private Answer send(String command, Map<String, String> params, int attempts)
      throws CloudException {
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("command", command);
    params.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
    signed.put("response", "json");
    signed.put("apikey", apiKey);
    signed.put("signature", CloudStackSigner.sign(signed, secretKey));
    StringBuilder form = new StringBuilder();
    signed.forEach(
        (name, value) ->
            form.append(form.length() == 0 ? "" : "&")
                .append(name)
                .append('=')
                .append(CloudStackSigner.encode(value)));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
            .build();
    for (int attempt = 1; ; attempt++) {
      String problem;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (!RETRIED.contains(response.statusCode()) || attempt >= attempts) {
          return answer(command, response);
        }
        problem = "HTTP " + response.statusCode();
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new CloudException("cloudstack " + command + " failed: " + e, 0, e);
        }
        problem = e.toString();
      } catch (InterruptedException e) {
        throw new CloudException("cloudstack " + command + " interrupted", 0, e);
      }
      log.accept(
          "cloudstack: " + command + ": " + problem + "; retrying (attempt " + attempt + ")");
      pacing.backoff(attempt);
    }
  }

  private static Answer answer(String command, HttpResponse<String> response)
      throws CloudException {
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CloudException(
          "cloudstack "
              + command
              + ": HTTP "
              + response.statusCode()
              + ", not JSON: "
              + abbreviate(response.body()),
          response.statusCode(),
          e);
    }
    JsonNode body = root == null ? null : root.get(command.toLowerCase(Locale.ROOT) + "response");
    if (body == null && root != null && root.size() == 1) {
      body = root.elements().next();
    }
    if (body == null) {
      body = JSON.createObjectNode();
    }
    if (response.statusCode() / 100 != 2 || body.has("errorcode")) {
      int code = body.path("errorcode").asInt(response.statusCode());
      String text = body.path("errortext").asText("HTTP " + response.statusCode());
      throw new CloudException(
          "cloudstack " + command + " failed (error " + code + "): " + text,
          isGone(code, text) ? 404 : code,
          null);
    }
    return new Answer(body);
  }

  /** The API answers 431 for an id that names nothing (any more). */
  private static boolean isGone(int code, String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return code == 431
        && (t.contains("entity does not exist")
            || t.contains("unable to find")
            || t.contains("does not exist"));
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
