package io.jenkins.plugins.cloudimages.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRepositoryTest {
  private static final Path HOOK = Path.of("..", "kickstarts", "hooks", "post-receive");

  @TempDir Path dir;

  @Test
  void shouldPushEachChangeThroughTheHookAndReplaceTheDemoSection() throws Exception {
    RequiredTools.require("git");
    Path kickstarts = Files.createDirectories(dir.resolve("source"));
    Files.writeString(kickstarts.resolve("A.ks"), "lang C\n\n%packages\n@core\n%end\n");
    Path home = Files.createDirectories(dir.resolve("home"));
    Path calls = dir.resolve("calls.txt");
    Path command = dir.resolve("fake-cloudimg");
    Files.writeString(command, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\n");
    Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> progress = new ArrayList<>();

    DemoRepository repository = new DemoRepository(home, progress::add);
    repository.ensure(kickstarts);
    repository.installHook(HOOK, command, "--config /c.json", dir.resolve("run.log"));
    int first = repository.nextChangeNumber();
    repository.pushChange("A.ks", first, Demo.CHANGE_MARKER);
    awaitLines(calls, 1);
    int second = repository.nextChangeNumber();
    repository.pushChange("A.ks", second, Demo.CHANGE_MARKER);
    awaitLines(calls, 2);
    // a later demo run finds the same repository again
    new DemoRepository(home, progress::add).ensure(kickstarts);

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(2);
    String pushed = git(repository.bare(), "show", "main:A.ks");
    assertThat(pushed).startsWith("lang C\n\n%packages\n@core\n%end\n");
    assertThat(pushed)
        .contains(Demo.CHANGE_MARKER + " 2,")
        .doesNotContain(Demo.CHANGE_MARKER + " 1,");
    List<String> runs = Files.readAllLines(calls);
    String head = git(repository.bare(), "rev-parse", "main").strip();
    assertThat(runs.get(1))
        .startsWith("run --repo " + repository.bare().toRealPath() + " --branch main --from ")
        .contains("--to " + head)
        .endsWith("--config /c.json");
    assertThat(progress).anyMatch(line -> line.contains("remote: cloudimg: started"));
    assertThat(progress).anyMatch(line -> line.contains("reusing " + repository.bare()));
  }

  private static void awaitLines(Path file, int count) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (Files.exists(file) && Files.readAllLines(file).size() >= count) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the hook did not start the run command " + count + " times");
  }

  private static String git(Path repository, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
    command.addAll(List.of(arguments));
    ProcessRunner.Result result = new ProcessRunner().run(command);
    if (!result.succeeded()) {
      throw new IOException(result.describeFailure());
    }
    return result.output();
  }
}
