package io.jenkins.plugins.cloudimages.deploy.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.deploy.LineSplitter;
import io.jenkins.plugins.cloudimages.deploy.OutputTail;
import io.jenkins.plugins.cloudimages.deploy.RemoteShell;
import io.jenkins.plugins.cloudimages.deploy.RemoteShellException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs commands in a container through the engine's exec: create, start attached (the output comes
 * as the engine's multiplexed stream of 8-byte-headed frames), then read the exit code. A command
 * that runs out of time is left running; the engine has no way to end one exec.
 */
final class DockerExec implements RemoteShell {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
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
      throw new RemoteShellException(
          "exec in " + describe() + ": HTTP " + created.status() + ": " + created.text().strip());
    }
    String exec = JSON.readTree(created.body()).path("Id").asText();
    OutputTail tail = new OutputTail();
    LineSplitter lines = new LineSplitter(tail.alsoTo(output));
    try {
      UnixHttpClient.Response started =
          http.stream(
              "POST",
              DockerDriver.API + "/exec/" + exec + "/start",
              "{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.UTF_8),
              timeout,
              in -> pump(in, lines));
      if (started.status() / 100 != 2) {
        throw new RemoteShellException(
            "starting exec in "
                + describe()
                + ": HTTP "
                + started.status()
                + ": "
                + started.text().strip());
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("timed out")) {
        throw e;
      }
      lines.flush();
      return new Result(-1, tail.toString(), true);
    }
    lines.flush();
    JsonNode info =
        JSON.readTree(
            http.send(
                    "GET",
                    DockerDriver.API + "/exec/" + exec + "/json",
                    null,
                    Duration.ofSeconds(30))
                .body());
    return new Result(info.path("ExitCode").asInt(-1), tail.toString(), false);
  }

  /**
   * Copies through the engine's archive endpoint: a one-file tar is put into the file's folder (the
   * engine needs its length up front, so the tar is staged in a temporary file).
   */
  @Override
  public void upload(InputStream content, String remotePath) throws IOException {
    int slash = remotePath.lastIndexOf('/');
    if (slash < 0 || slash == remotePath.length() - 1) {
      throw new RemoteShellException("not an absolute file path: " + remotePath);
    }
    String folder = slash == 0 ? "/" : remotePath.substring(0, slash);
    Path tar = Files.createTempFile("cloudimg-upload-", ".tar");
    try {
      SingleFileTar.write(tar, remotePath.substring(slash + 1), content);
      UnixHttpClient.Response response =
          http.upload(
              "PUT",
              DockerDriver.API
                  + "/containers/"
                  + container
                  + "/archive?path="
                  + URLEncoder.encode(folder, StandardCharsets.UTF_8),
              tar,
              UPLOAD_TIMEOUT);
      if (response.status() / 100 != 2) {
        throw new RemoteShellException(
            "cannot write "
                + remotePath
                + " in "
                + describe()
                + ": HTTP "
                + response.status()
                + ": "
                + response.text().strip());
      }
    } finally {
      Files.deleteIfExists(tar);
    }
  }

  @Override
  public String describe() {
    return "container " + container.substring(0, Math.min(12, container.length()));
  }

  /** Reads frames, passing their payload on to {@code lines}. */
  private static void pump(InputStream in, LineSplitter lines) {
    try {
      byte[] header = new byte[8];
      while (in.readNBytes(header, 0, 8) == 8) {
        lines.write(in.readNBytes(frameSize(header, 0)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int frameSize(byte[] frames, int at) {
    return ((frames[at + 4] & 0xff) << 24)
        | ((frames[at + 5] & 0xff) << 16)
        | ((frames[at + 6] & 0xff) << 8)
        | (frames[at + 7] & 0xff);
  }

  /** The text of a multiplexed (non-TTY) stream such as container logs. */
  static String demultiplex(byte[] stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i + 8 <= stream.length && stream[i] <= 2 && stream[i + 1] == 0) {
      int size = frameSize(stream, i);
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
