package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cloudimg validate} through the real {@code ./cloudimg} launcher script. The script runs
 * from a scratch root holding a jar made of this build's classes, so that the test neither starts a
 * nested Maven build nor depends on an earlier {@code mvn package}.
 */
class LauncherTest {
  @TempDir Path root;

  @Test
  void shouldValidateThroughTheLauncherAndKeepItsExitCodes() throws Exception {
    Path launcher = root.resolve("cloudimg");
    Files.copy(Path.of("..", "cloudimg"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
    writeJar(root.resolve("cli/target/cloudimg.jar"));
    String kickstart =
        Path.of("..", "kickstarts", "CentOS-6-x86_64-GenericCloud.ks").toAbsolutePath().toString();

    Result valid = run(launcher.toString(), "validate", "--format", "json", kickstart);
    Result missing = run(launcher.toString(), "validate", root.resolve("none.ks").toString());

    assertThat(valid.exit()).as(valid.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(valid.out());
    assertThat(json).hasSize(1);
    assertThat(json.get(0).get("file").asText()).isEqualTo(kickstart);
    assertThat(json.get(0).get("syntax").asText()).isEqualTo("RHEL6");
    assertThat(json.get(0).get("valid").asBoolean()).isTrue();
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).contains("cannot read").contains("none.ks");
    assertThat(root.resolve("cli/target/cloudimg.jsa")).as("class-data archive").exists();
  }

  private record Result(int exit, String out, String err) {}

  private Result run(String... command) throws Exception {
    Path out = Files.createTempFile(root, "out", ".txt");
    Path err = Files.createTempFile(root, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not finish in 3 minutes: " + List.of(command));
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The main classes of this build in one jar; the libraries stay where Maven put them. */
  private static void writeJar(Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    List<String> libraries = new ArrayList<>();
    List<Path> classFolders = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path) && !path.endsWith("test-classes")) {
        classFolders.add(path);
      } else if (entry.endsWith(".jar") && !entry.contains("tests.jar")) {
        libraries.add(path.toUri().toString());
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Cloudimg.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", libraries));
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Path folder : classFolders) {
        try (Stream<Path> files = Files.walk(folder)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            out.putNextEntry(new JarEntry(folder.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, out);
            out.closeEntry();
          }
        }
      }
    }
  }
}
