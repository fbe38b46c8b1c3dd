package io.jenkins.plugins.cloudimages.deploy.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.deploy.RemoteShell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs commands in a container through the engine's exec: create, start attached (the output comes
 * as the engine's multiplexed stream of 8-byte-headed frames), then read the exit code.
 */
final class DockerExec implements RemoteShell {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final UnixHttpClient http;
  private final String container;

  DockerExec(UnixHttpClient http, String container) {
    this.http = http;
    this.container = container;
  }

  @Override
  public Result run(String command, Duration timeout, Consumer<String> output) throws IOException {
    var create = JSON.createObjectNode();
    create.put("AttachStdout", true).put("AttachStderr", true).put("Tty", false);
    var cmd = create.putArray("Cmd");
    List.of("/bin/sh", "-c", command).forEach(cmd::add);
    UnixHttpClient.Response created =
        http.send(
            "POST",
            DockerDriver.API + "/containers/" + container + "/exec",
            JSON.writeValueAsBytes(create),
            Duration.ofSeconds(30));
    if (created.status() != 201 && created.status() != 200) {
      throw new IOException(
          "exec in container "
              + container
              + ": HTTP "
              + created.status()
              + ": "
              + created.text().strip());
    }
    String exec = JSON.readTree(created.body()).path("Id").asText();
    StringBuilder all = new StringBuilder();
    boolean timedOut = false;
    try {
      UnixHttpClient.Response started =
          http.stream(
              "POST",
              DockerDriver.API + "/exec/" + exec + "/start",
              "{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.UTF_8),
              timeout,
              in -> pump(in, output, all));
      if (started.status() / 100 != 2) {
        throw new IOException(
            "starting exec in "
                + container
                + ": HTTP "
                + started.status()
                + ": "
                + started.text().strip());
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("timed out")) {
        throw e;
      }
      timedOut = true;
    }
    if (timedOut) {
      return new Result(-1, all.toString(), true);
    }
    JsonNode info =
        JSON.readTree(
            http.send(
                    "GET",
                    DockerDriver.API + "/exec/" + exec + "/json",
                    null,
                    Duration.ofSeconds(30))
                .body());
    return new Result(info.path("ExitCode").asInt(-1), all.toString(), false);
  }

  /** Reads frames, passing each complete line to {@code output}. */
  private static void pump(InputStream in, Consumer<String> output, StringBuilder all) {
    StringBuilder partial = new StringBuilder();
    try {
      byte[] header = new byte[8];
      while (in.readNBytes(header, 0, 8) == 8) {
        int size =
            ((header[4] & 0xff) << 24)
                | ((header[5] & 0xff) << 16)
                | ((header[6] & 0xff) << 8)
                | (header[7] & 0xff);
        String text = new String(in.readNBytes(size), StandardCharsets.UTF_8);
        partial.append(text);
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
          String line = partial.substring(0, newline);
          output.accept(line);
          all.append(line).append('\n');
          partial.delete(0, newline + 1);
        }
      }
      if (partial.length() > 0) {
        output.accept(partial.toString());
        all.append(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a multiplexed (non-TTY) stream such as container logs. */
  static String demultiplex(byte[] stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i + 8 <= stream.length && stream[i] <= 2 && stream[i + 1] == 0) {
      int size =
          ((stream[i + 4] & 0xff) << 24)
              | ((stream[i + 5] & 0xff) << 16)
              | ((stream[i + 6] & 0xff) << 8)
              | (stream[i + 7] & 0xff);
      out.write(stream, i + 8, Math.min(size, stream.length - i - 8));
      i += 8 + size;
    }
    if (i == 0) {
      return new String(stream, StandardCharsets.UTF_8);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {}
}
