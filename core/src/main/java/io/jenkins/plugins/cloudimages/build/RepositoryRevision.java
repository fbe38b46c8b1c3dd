package io.jenkins.plugins.cloudimages.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The revision of a repository's metadata: the {@code <revision>} of its repomd.xml (createrepo
 * writes a timestamp there) plus the sha256 of repomd.xml, so any change to the repository changes
 * the build's input digest.
 */
record RepositoryRevision(String id, String baseUrl, String revision, String repomdSha256) {
  private static final Pattern REVISION = Pattern.compile("<revision>([^<]*)</revision>");

  static RepositoryRevision of(Repository repository) throws BuildException {
    byte[] repomd = read(repository.baseUrl().replaceAll("/+$", "") + "/repodata/repomd.xml");
    Matcher m = REVISION.matcher(new String(repomd, java.nio.charset.StandardCharsets.UTF_8));
    return new RepositoryRevision(
        repository.id(), repository.baseUrl(), m.find() ? m.group(1) : "", Digests.sha256(repomd));
  }

  private static byte[] read(String url) throws BuildException {
    try {
      if (url.startsWith("file:")) {
        return Files.readAllBytes(Path.of(URI.create(url)));
      }
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      HttpResponse<InputStream> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new BuildException(url + ": HTTP " + response.statusCode());
        }
        return body.readAllBytes();
      }
    } catch (IOException e) {
      throw new BuildException("cannot read repository metadata " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while reading " + url, e);
    }
  }
}
