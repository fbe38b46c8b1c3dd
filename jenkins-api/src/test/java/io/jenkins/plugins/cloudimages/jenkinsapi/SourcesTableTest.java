package io.jenkins.plugins.cloudimages.jenkinsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every stub names its original in SOURCES.tsv, and every row there names a stub. */
class SourcesTableTest {
  private static final Path STUBS = Path.of("src/main/java");
  private static final Path TABLE = Path.of("SOURCES.tsv");

  @Test
  void shouldListEveryStubClassExactlyOnce() throws IOException {
    assertThat(rows().keySet()).containsExactlyInAnyOrderElementsOf(stubClasses());
  }

  @Test
  void shouldNameCoordinatesRepositoryTagAndPathOfTheOriginal() throws IOException {
    rows()
        .forEach(
            (className, row) -> {
              assertThat(row).as(className).hasSize(5);
              assertThat(row.get(1).split(":"))
                  .as("groupId:artifactId:version of %s", className)
                  .hasSize(3)
                  .doesNotContain("");
              assertThat(row.get(2)).as(className).matches("[\\w.-]+/[\\w.-]+");
              assertThat(row.get(3)).as(className).isNotBlank();
              assertThat(row.get(4))
                  .as("source path of %s", className)
                  .endsWith("/" + className.replace('.', '/') + ".java");
            });
  }

  @Test
  void shouldStubOnlyJenkinsStaplerAndPluginPackages() throws IOException {
    assertThat(stubClasses())
        .allSatisfy(
            name ->
                assertThat(name)
                    .doesNotStartWith("io.jenkins.plugins.cloudimages")
                    .doesNotStartWith("net.java.sezpoz")
                    .doesNotStartWith("java"));
  }

  private static Map<String, List<String>> rows() throws IOException {
    Map<String, List<String>> rows = new TreeMap<>();
    for (String line : Files.readAllLines(TABLE)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = List.of(line.split("\t", -1));
      assertThat(rows.put(cells.get(0), cells)).as("duplicate row for %s", cells.get(0)).isNull();
    }
    return rows;
  }

  private static List<String> stubClasses() throws IOException {
    try (Stream<Path> files = Files.walk(STUBS)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .map(f -> STUBS.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
