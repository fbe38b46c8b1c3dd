package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.kickstart.PackageSelection.Group;
import io.jenkins.plugins.cloudimages.kickstart.PackageSelection.GroupLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageSelectionTest {
  private static KickstartSection section(List<String> header, String... lines) {
    Path file = Path.of("x.ks");
    List<KickstartSection.Line> body = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      body.add(new KickstartSection.Line(lines[i], new SourceLocation(file, i + 2)));
    }
    return new KickstartSection("packages", header, body, new SourceLocation(file, 1));
  }

  @Test
  void shouldSplitGroupsPackagesAndExclusions() {
    PackageSelection selection =
        PackageSelection.from(
            section(
                List.of("--nobase", "--excludedocs", "--instLangs=en"),
                "@core",
                "@base --optional",
                "@x11 --nodefaults",
                "@^minimal-environment",
                "# comment",
                "openssh-server",
                "-NetworkManager",
                "-@dial-up",
                "cloud-init"));

    assertThat(selection.groups())
        .containsExactly(
            new Group("core", GroupLevel.DEFAULT),
            new Group("base", GroupLevel.ALL),
            new Group("x11", GroupLevel.REQUIRED));
    assertThat(selection.environment()).isEqualTo("minimal-environment");
    assertThat(selection.packages()).containsExactly("openssh-server", "cloud-init");
    assertThat(selection.excludedPackages()).containsExactly("NetworkManager");
    assertThat(selection.excludedGroups()).containsExactly("dial-up");
    assertThat(selection.nobase()).isTrue();
    assertThat(selection.nocore()).isFalse();
    assertThat(selection.excludeDocs()).isTrue();
    assertThat(selection.instLangs()).isEqualTo("en");
  }

  @Test
  void shouldLetTheLastMentionOfAPackageWin() {
    PackageSelection selection =
        PackageSelection.from(section(List.of("--nocore"), "-kernel", "kernel", "vim", "-vim"));

    assertThat(selection.packages()).containsExactly("kernel");
    assertThat(selection.excludedPackages()).containsExactly("vim");
    assertThat(selection.nocore()).isTrue();
  }
}
