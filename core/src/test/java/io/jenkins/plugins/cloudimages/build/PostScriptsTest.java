package io.jenkins.plugins.cloudimages.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** %post sections run against a small root holding only a static busybox (needs root: chroot). */
class PostScriptsTest {
  @TempDir Path temp;
  private Path root;
  private final List<String> lines = new ArrayList<>();

  @BeforeEach
  void busyboxRoot() throws Exception {
    RequiredTools.requireRoot();
    RequiredTools.require("/bin/busybox", "chroot", "mknod");
    root = Files.createDirectories(temp.resolve("root"));
    Files.createDirectories(root.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
    for (String applet : List.of("sh", "echo", "cat")) {
      Files.createSymbolicLink(root.resolve("bin/" + applet), Path.of("busybox"));
    }
  }

  private List<String> run(String text) throws Exception {
    Path file = temp.resolve("post.ks");
    Files.writeString(file, "url --url=file:///r/\n" + text);
    Kickstart ks = TestKickstarts.read(file, SyntaxVersion.RHEL9);
    try (BuildLog log = new BuildLog(lines::add, temp.resolve("build.log"))) {
      ToolRunner tools = new ToolRunner(log, Map.of(), Duration.ofMinutes(1));
      return new PostScripts(new RootTree(root), temp, tools, log).run(ks);
    }
  }

  @Test
  void shouldRunInTheRootWithDevNullAndLogToAFileInsideIt() throws Exception {
    run(
        "%post --log=/root/post.log\necho hello > /dev/null\necho inside > /marker\necho logged\n%end\n");

    assertThat(root.resolve("marker")).hasContent("inside");
    assertThat(root.resolve("root/post.log")).content().contains("logged");
    assertThat(root.resolve("dev/null")).doesNotExist();
    assertThat(root.resolve("tmp/ks-script-1")).doesNotExist();
  }

  @Test
  void shouldRunNochrootScriptsOnTheHostWithTheRootInTheirEnvironment() throws Exception {
    run(
        "%post --nochroot --interpreter=/bin/sh\necho \"$INSTALL_ROOT\" > /mnt/sysimage/seen\n%end\n");

    assertThat(root.resolve("seen")).content().contains(root.toString());
  }

  @Test
  void shouldFailOnlyWithErroronfailAndListPreSectionsAsNotRun() throws Exception {
    List<String> notRun = run("%pre\necho never\n%end\n%post\nexit 3\n%end\n");
    assertThat(notRun).singleElement().asString().startsWith("%pre");
    assertThat(lines).anyMatch(l -> l.contains("warning: %post at") && l.contains("exited with 3"));

    assertThatThrownBy(() -> run("%post --erroronfail\nexit 4\n%end\n"))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("exited with 4 (--erroronfail)");
  }
}
