package io.jenkins.plugins.cloudimages.pipeline.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudimages.publish.EmbeddedImageHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The pipeline configuration ({@code cloudimg run --config}) of the demo: every repository the
 * kickstart names goes to the demo mirror, images go to the embedded image host (and are recorded
 * by their file URL, which outlives the demo's HTTP server), the local cloud tests with the demo
 * suite, and releases are pushed to the demo repository's main branch.
 */
record DemoConfig(
    Path home, Path mirror, Set<String> kickstartUrls, EmbeddedImageHost host, Path suite) {

  Path write(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode config = json.createObjectNode();
    config.put("parallelism", 1);
    config.put("output", home.resolve("output").toString());
    config.put("work", home.resolve("work").toString());
    ObjectNode mirrorMap = config.putObject("mirror_map");
    for (String url : kickstartUrls) {
      mirrorMap.put(url, mirror.toUri().toString());
    }
    ObjectNode imageHost = config.putObject("image_host");
    imageHost.put("host", host.host());
    imageHost.put("port", host.sshPort());
    imageHost.put("user", host.user());
    imageHost.put("identity", host.clientKey().toString());
    imageHost.put("known_hosts", host.knownHosts().toString());
    imageHost.put("root", "/");
    imageHost.put("base_url", host.root().toAbsolutePath().toUri().toString());
    ObjectNode tests = config.putObject("tfunctional");
    tests.put("suite", suite.toString());
    tests.put("budget", "10m");
    ObjectNode release = config.putObject("release");
    release.put("branch", DemoRepository.BRANCH);
    release.put("author", DemoRepository.AUTHOR);
    json.writeValue(file.toFile(), config);
    return file;
  }
}
