package io.jenkins.plugins.cloudimages.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import io.jenkins.plugins.cloudimages.testing.TestRpmRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * virt-install and livemedia-creator need an installation tree and anaconda, which cannot be
 * reached here. These tests run the backends against STAND-IN executables placed first on the
 * build's tool path: shell scripts that record their arguments, write a console or log file, then
 * succeed, fail, hang silently or talk forever (as told by a "mode" file beside them). virsh is a
 * stand-in too; qemu-img is the real one. What is checked: the exact command lines, the console
 * copied into the build log, the watchdog and timeout, and the domain and disk removal on every
 * exit path.
 */
class VmBackendsTest {
  private static final String UPSTREAM = "http://mirror.centos.invalid/centos/9/BaseOS/x86_64/os/";

  @TempDir Path temp;
  private Path bin;
  private Path out;
  private Kickstart kickstart;
  private TestRpmRepository repository;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void standIns() throws Exception {
    RequiredTools.require("qemu-img", "rpmbuild", "createrepo_c");
    repository = TestRpmRepository.get();
    kickstart = TestKickstarts.read(InstallrootBuilderTest.testKickstart(), SyntaxVersion.RHEL9);
    bin = Files.createDirectories(temp.resolve("bin"));
    out = temp.resolve("out");
    script(
        "virt-install",
        """
        here=$(dirname "$0")
        printf '%s\\n' "$@" > "$here/virt-install.args"
        while [ $# -gt 0 ]; do
          case "$1" in
            --serial) console=${2#file,path=}; shift ;;
            --disk) disk=${2#path=}; disk=${disk%%,*}; shift ;;
            --initrd-inject) cp "$2" "$here/injected.ks"; shift ;;
          esac
          shift
        done
        mode=$(cat "$here/mode")
        echo "Starting install..."
        echo "anaconda 34.25 for CentOS Stream 9 started." >> "$console"
        case "$mode" in
          ok) printf 'INSTALLED' | dd of="$disk" conv=notrunc status=none
              echo "reboot: Power down" >> "$console"; exit 0 ;;
          fail) echo "An error occurred: no package demo" >> "$console"; exit 1 ;;
          hang) sleep 600 ;;
          talk) while true; do echo "still installing" >> "$console"; sleep 0.1; done ;;
        esac
        """);
    script("virsh", "printf '%s\\n' \"$*\" >> \"$(dirname \"$0\")/virsh.log\"\n");
    script(
        "livemedia-creator",
        """
        here=$(dirname "$0")
        printf '%s\\n' "$@" > "$here/lmc.args"
        while [ $# -gt 0 ]; do
          case "$1" in
            --resultdir) result=$2; shift ;;
            --image-name) name=$2; shift ;;
            --logfile) logfile=$2; shift ;;
          esac
          shift
        done
        echo "livemedia-creator: anaconda --kickstart started" >> "$logfile"
        case "$(cat "$here/mode")" in
          ok) mkdir -p "$result"
              case "$name" in
                *.tar.xz) mkdir -p "$here/tree/etc" && echo demo > "$here/tree/etc/os-release" && tar -C "$here/tree" -cJf "$result/$name" . ;;
                *) qemu-img create -q -f raw "$result/$name" 16M ;;
              esac ;;
          fail) echo "anaconda failed" >> "$logfile"; exit 2 ;;
          hang) sleep 600 ;;
        esac
        """);
  }

  private void script(String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private BuildRequest.Builder request(String mode) throws Exception {
    Files.writeString(bin.resolve("mode"), mode);
    return BuildRequest.builder(kickstart, new ImageIdentity("9", "x86_64", "Test"), out)
        .workRoot(temp.resolve("work"))
        .mirror(UPSTREAM, repository.fileUrl())
        .backendOption(Executables.TOOL_PATH_OPTION, bin.toString())
        .backendOption("location", UPSTREAM)
        .format(ImageFormat.QCOW2);
  }

  @Test
  void shouldRunVirtInstallWithTheInjectedKickstartThenUndefineTheDomain() throws Exception {
    BuildResult result = new VirtInstallBuilder().build(request("ok").build(), log::add);

    List<String> args = Files.readAllLines(bin.resolve("virt-install.args"));
    assertThat(args).containsSequence("--location", repository.fileUrl());
    assertThat(args)
        .containsSequence(
            "--extra-args", "inst.ks=file:/ks.cfg console=ttyS0 inst.text inst.cmdline");
    assertThat(args).containsSequence("--graphics", "none").contains("--noreboot");
    assertThat(args.get(args.indexOf("--initrd-inject") + 1)).endsWith("/ks.cfg");
    String domain = args.get(args.indexOf("--name") + 1);
    assertThat(domain).startsWith("cloudimg-virt-install-");
    assertThat(Files.readString(bin.resolve("injected.ks")))
        .contains("url --url=" + repository.fileUrl())
        .doesNotContain("mirror.centos.invalid");
    assertThat(log)
        .contains(
            "    console: anaconda 34.25 for CentOS Stream 9 started.",
            "    console: reboot: Power down");
    assertThat(Files.readAllLines(bin.resolve("virsh.log")))
        .containsExactly(
            "--connect qemu:///system destroy " + domain,
            "--connect qemu:///system undefine " + domain + " --nvram");
    assertThat(result.images()).containsExactly(out.resolve(result.name() + ".qcow2"));
    assertThat(result.images().get(0)).exists();
    assertWorkDirectoriesRemoved();
  }

  @Test
  void shouldKillASilentInstallerAndRemoveTheDomainWithItsStorage() throws Exception {
    BuildRequest request = request("hang").inactivity(Duration.ofSeconds(2)).build();

    assertThatThrownBy(() -> new VirtInstallBuilder().build(request, log::add))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("inactivity watchdog")
        .hasMessageContaining("were removed");

    String domain = domainOf();
    assertThat(Files.readAllLines(bin.resolve("virsh.log")))
        .containsExactly(
            "--connect qemu:///system destroy " + domain,
            "--connect qemu:///system undefine " + domain + " --nvram --remove-all-storage");
    assertNoImageLeft();
    assertWorkDirectoriesRemoved();
  }

  @Test
  void shouldStopAnInstallerThatTalksForeverAtTheOverallTimeout() throws Exception {
    BuildRequest request =
        request("talk").timeout(Duration.ofSeconds(3)).inactivity(Duration.ofSeconds(60)).build();

    assertThatThrownBy(() -> new VirtInstallBuilder().build(request, log::add))
        .hasMessageContaining("did not finish within the build timeout");

    assertThat(log).contains("    console: still installing");
    assertThat(Files.readString(bin.resolve("virsh.log"))).contains("--remove-all-storage");
    assertNoImageLeft();
  }

  @Test
  void shouldReportAFailedInstallWithItsConsole() throws Exception {
    assertThatThrownBy(() -> new VirtInstallBuilder().build(request("fail").build(), log::add))
        .hasMessageContaining("virt-install exited with 1");

    assertThat(log).contains("    console: An error occurred: no package demo");
    assertThat(Files.readString(bin.resolve("virsh.log")))
        .contains("undefine " + domainOf() + " --nvram --remove-all-storage");
    assertNoImageLeft();
  }

  @Test
  void shouldRefuseVirtInstallWithoutATree() throws Exception {
    BuildRequest request =
        BuildRequest.builder(kickstart, new ImageIdentity("9", "x86_64", "Test"), out)
            .workRoot(temp.resolve("work"))
            .backendOption(Executables.TOOL_PATH_OPTION, bin.toString())
            .build();

    assertThatThrownBy(() -> new VirtInstallBuilder().build(request, log::add))
        .isInstanceOf(BuildEnvironmentException.class)
        .hasMessageContaining("--location");
  }

  @Test
  void shouldNameTheMissingInstallerAndHowToInstallIt() throws Exception {
    Files.delete(bin.resolve("livemedia-creator"));
    BuildRequest request = request("ok").build();

    assertThatThrownBy(() -> new LivemediaCreatorBuilder().build(request, log::add))
        .isInstanceOf(BuildEnvironmentException.class)
        .hasMessageContaining("livemedia-creator is not installed")
        .hasMessageContaining("lorax");
  }

  @Test
  void shouldMakeADiskWithLivemediaCreatorWithoutAVm() throws Exception {
    BuildResult result =
        new LivemediaCreatorBuilder()
            .build(request("ok").format(ImageFormat.RAW).build(), log::add);

    List<String> args = Files.readAllLines(bin.resolve("lmc.args"));
    assertThat(args).startsWith("--make-disk", "--no-virt");
    assertThat(args)
        .containsSequence("--releasever", "9")
        .containsSequence("--image-name", "disk.raw");
    assertThat(args.get(args.indexOf("--ks") + 1)).endsWith("/ks.cfg");
    assertThat(log).contains("    console: livemedia-creator: anaconda --kickstart started");
    assertThat(result.images())
        .containsExactlyInAnyOrder(
            out.resolve(result.name() + ".qcow2"), out.resolve(result.name() + ".raw"));
    assertWorkDirectoriesRemoved();
  }

  @Test
  void shouldMakeARootfsTarballFromAnIsoWhenOnlyTarIsAsked() throws Exception {
    Files.writeString(bin.resolve("mode"), "ok");
    BuildRequest request =
        BuildRequest.builder(kickstart, new ImageIdentity("9", "x86_64", "Test"), out)
            .workRoot(temp.resolve("work"))
            .mirror(UPSTREAM, repository.fileUrl())
            .backendOption(Executables.TOOL_PATH_OPTION, bin.toString())
            .backendOption("iso", "/srv/iso/boot.iso")
            .format(ImageFormat.TAR_XZ)
            .build();

    BuildResult result = new LivemediaCreatorBuilder().build(request, log::add);

    List<String> args = Files.readAllLines(bin.resolve("lmc.args"));
    assertThat(args)
        .startsWith("--make-tar", "--iso", "/srv/iso/boot.iso")
        .doesNotContain("--no-virt");
    assertThat(result.images()).containsExactly(out.resolve(result.name() + ".tar.xz"));
    assertThat(out.resolve(result.name() + ".Dockerfile")).exists();
  }

  @Test
  void shouldKillAHangingLivemediaCreator() throws Exception {
    BuildRequest request = request("hang").inactivity(Duration.ofSeconds(2)).build();

    assertThatThrownBy(() -> new LivemediaCreatorBuilder().build(request, log::add))
        .hasMessageContaining("inactivity watchdog");
    assertNoImageLeft();
    assertWorkDirectoriesRemoved();
  }

  private String domainOf() throws Exception {
    List<String> args = Files.readAllLines(bin.resolve("virt-install.args"));
    return args.get(args.indexOf("--name") + 1);
  }

  private void assertNoImageLeft() throws Exception {
    if (Files.isDirectory(out)) {
      try (Stream<Path> files = Files.list(out)) {
        assertThat(files).isEmpty();
      }
    }
  }

  private void assertWorkDirectoriesRemoved() throws Exception {
    try (Stream<Path> left = Files.list(temp.resolve("work"))) {
      assertThat(left).isEmpty();
    }
  }
}
