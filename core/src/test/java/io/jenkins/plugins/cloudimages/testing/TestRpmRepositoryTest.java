package io.jenkins.plugins.cloudimages.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TestRpmRepositoryTest {

  @Test
  void shouldServeTheSameRepositoryAsFileAndOverLoopbackHttp() throws Exception {
    TestRpmRepository repository = TestRpmRepository.get();
    String repomd = Files.readString(repository.directory().resolve("repodata/repomd.xml"));
    assertThat(repomd).contains("type=\"group\"");
    assertThat(repository.fileUrl()).startsWith("file:///");
    try (TestRpmRepository.Server server = repository.serveHttp()) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> found =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "repodata/repomd.xml")).build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> escaping =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "../../etc/passwd")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(found.statusCode()).isEqualTo(200);
      assertThat(found.body()).isEqualTo(repomd);
      assertThat(escaping.statusCode()).isEqualTo(404);
    }
  }
}
