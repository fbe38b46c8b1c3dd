package io.jenkins.plugins.cloudimages.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fast tests of the build steps, without dnf or a disk image. */
class BuildStepsTest {
  private static final ImageIdentity EL9 = new ImageIdentity("9", "x86_64", "GenericCloud");

  @TempDir Path temp;

  private Kickstart kickstart(String text) throws Exception {
    Path file = temp.resolve("CentOS-9-x86_64-GenericCloud.ks");
    Files.writeString(file, text);
    return TestKickstarts.read(file, SyntaxVersion.RHEL9);
  }

  @Test
  void shouldApplyTheLongestMatchingMirrorPrefixAfterExpandingVariables() throws Exception {
    RepositorySources sources =
        new RepositorySources(
            Map.of(
                "http://mirror.centos.org/", "http://127.0.0.1:1/all/",
                "http://mirror.centos.org/centos/9/", "file:///srv/c9/"),
            EL9);
    Kickstart ks =
        kickstart(
            "url --url=http://mirror.centos.org/centos/$releasever/BaseOS/$basearch/os/\n"
                + "repo --name=extras --baseurl=http://mirror.centos.org/other/ --excludepkgs=a,b\n");

    List<Repository> repositories = sources.from(ks);

    assertThat(repositories)
        .extracting(Repository::baseUrl)
        .containsExactly("file:///srv/c9/BaseOS/x86_64/os/", "http://127.0.0.1:1/all/other/");
    assertThat(repositories.get(1).id()).isEqualTo("ks-extras");
    assertThat(repositories.get(1).excludes()).containsExactly("a", "b");
  }

  @Test
  void shouldRefuseAMirrorlistOnlyRepositoryWithItsLine() throws Exception {
    Kickstart ks = kickstart("repo --name=x --mirrorlist=http://mirrorlist.centos.org/?x=1\n");

    assertThatThrownBy(() -> new RepositorySources(Map.of(), EL9).from(ks))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining(":1: repo needs a base URL");
  }

  @Test
  void shouldAskDnfForImplicitCoreGroupsDocsAndExcludes() throws Exception {
    Kickstart ks = kickstart("%packages --excludedocs\n@demo-core --optional\nvim\n-nano\n%end\n");
    PackageRequest packages = PackageRequest.from(ks);
    DnfInstall dnf = new DnfInstall(temp.resolve("root"), temp, EL9, RpmdbFormat.forRelease(9));

    List<String> command =
        dnf.command(List.of(new Repository("r", "file:///r/", List.of(), List.of())), packages);

    assertThat(command)
        .contains("--nodocs", "--exclude=nano", "--refresh", "--setopt=r.gpgcheck=0");
    assertThat(command).contains("--setopt=group_package_types=mandatory,default,optional");
    assertThat(command).contains("--repofrompath=r,file:///r/");
    assertThat(command.subList(command.indexOf("install"), command.size()))
        .containsExactly("install", "@core", "@demo-core", "vim");
    assertThat(PackageRequest.from(kickstart("%packages --nocore\n@x\n%end\n")).implicitGroups(9))
        .isEmpty();
    assertThat(PackageRequest.from(kickstart("%packages --nocore\n@x\n%end\n")).implicitGroups(6))
        .containsExactly("core", "base");
  }

  @Test
  void shouldFindScriptletFailuresThatDnfExitedZeroFor() throws Exception {
    Path root = temp.resolve("root");
    Files.createDirectories(root.resolve("var/log"));
    Files.writeString(
        root.resolve("var/log/dnf.rpm.log"),
        "2026-11-25T10:43:51+0000 SUBDEBUG Installed: demo-base-1.0-1.noarch\n"
            + "2026-11-25T10:43:51+0000 INFO warning: %post(demo-app-2.1-1.noarch) scriptlet failed, exit status 127\n");

    List<String> failures =
        new DnfInstall(root, temp, EL9, RpmdbFormat.forRelease(9)).scriptletFailures();

    assertThat(failures)
        .singleElement()
        .asString()
        .contains("%post(demo-app-2.1-1.noarch) scriptlet failed");
  }

  @Test
  void shouldChooseTheRpmdbOfTheTargetRelease() {
    assertThat(RpmdbFormat.forRelease(7)).isEqualTo(new RpmdbFormat("bdb", "/var/lib/rpm"));
    assertThat(RpmdbFormat.forRelease(9)).isEqualTo(new RpmdbFormat("sqlite", "/var/lib/rpm"));
    assertThat(RpmdbFormat.forRelease(10))
        .isEqualTo(new RpmdbFormat("sqlite", "/usr/lib/sysimage/rpm"));
  }

  @Test
  void shouldRefuseAnEl8InstallrootBuildWhenThisRpmCannotWriteBerkeleyDb() throws Exception {
    RequiredTools.require("rpm");
    Kickstart ks = kickstart("url --url=file:///nonexistent/\n%packages\n@core\n%end\n");
    BuildRequest request =
        BuildRequest.builder(
                ks, new ImageIdentity("8", "x86_64", "GenericCloud"), temp.resolve("out"))
            .build();
    org.junit.jupiter.api.Assumptions.assumeFalse(
        RpmdbFormat.hostCanWrite("bdb", Files.createDirectories(temp.resolve("probe"))),
        "this host's rpm can write Berkeley DB: the build would convert instead");

    assertThatThrownBy(() -> new InstallrootBuilder().build(request, BuildListener.silent()))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("refusing to build release 8")
        .hasMessageContaining("bdb rpm database")
        .hasMessageContaining("--backend virt-install");
    try (var left = Files.walk(temp.resolve("out"))) {
      assertThat(left.filter(Files::isRegularFile))
          .as("nothing left in the output folder")
          .isEmpty();
    }
  }

  @Test
  void shouldRefuseAForeignArchitecture() throws Exception {
    Kickstart ks = kickstart("url --url=file:///nonexistent/\n");
    BuildRequest request =
        BuildRequest.builder(
                ks, new ImageIdentity("9", "aarch64", "GenericCloud"), temp.resolve("out"))
            .build();

    assertThatThrownBy(() -> new InstallrootBuilder().build(request, BuildListener.silent()))
        .hasMessageContaining("installroot cannot build aarch64");
  }

  @Test
  void shouldConvertWithParallelOptionsValidForEachFormat() {
    Path raw = Path.of("disk.raw");
    assertThat(ImageOutputs.convertCommand(ImageFormat.QCOW2, "zstd", raw, Path.of("d.qcow2")))
        .containsExactly(
            "qemu-img",
            "convert",
            "-f",
            "raw",
            "-m",
            "16",
            "-c",
            "-O",
            "qcow2",
            "-o",
            "compression_type=zstd",
            "disk.raw",
            "d.qcow2");
    assertThat(ImageOutputs.convertCommand(ImageFormat.VMDK, "zlib", raw, Path.of("d.vmdk")))
        .contains("subformat=streamOptimized")
        .doesNotContain("-W");
    assertThat(ImageOutputs.convertCommand(ImageFormat.VHDX, "zlib", raw, Path.of("d.vhdx")))
        .contains("-W", "vhdx");
  }

  @Test
  void shouldWriteChecksumsThatSha256sumAccepts() throws Exception {
    RequiredTools.require("sha256sum");
    Path a = Files.writeString(temp.resolve("a.qcow2"), "image a");
    Path b = Files.writeString(temp.resolve("b.raw"), "image b");
    Checksums checksums = new Checksums(temp);
    checksums.add(List.of(a));
    checksums.add(List.of(b));
    Files.writeString(a, "image a, rebuilt");
    checksums.add(List.of(a));

    ProcessRunner.Result check =
        new ProcessRunner().in(temp).run("sha256sum", "-c", "sha256sum.txt");

    assertThat(check.succeeded()).as(check.output()).isTrue();
    assertThat(Files.readAllLines(temp.resolve("sha256sum.txt"))).hasSize(2);

    checksums.remove(List.of(b));
    assertThat(Files.readString(temp.resolve("sha256sum.txt")))
        .contains("a.qcow2")
        .doesNotContain("b.raw");
  }

  @Test
  void shouldNumberBuildsOfTheSameDayAfterAnyExistingOne() throws Exception {
    LocalDate day = LocalDate.of(2026, 11, 25);
    Path published = Files.createDirectories(temp.resolve("published"));
    Files.writeString(published.resolve("CentOS-9-x86_64-GenericCloud-261125_03.qcow2"), "");
    Files.writeString(temp.resolve("CentOS-9-x86_64-GenericCloud-261124_07.qcow2"), "");

    int next = new BuildIndex(temp, List.of(published)).nextNumber(EL9, day);

    assertThat(next).isEqualTo(4);
    assertThat(EL9.versionedName(day, next)).isEqualTo("CentOS-9-x86_64-GenericCloud-261125_04");
    assertThat(ImageIdentity.fromKickstartName(Path.of("CentOS-7-x86_64-GenericCloud.ks")))
        .contains(new ImageIdentity("7", "x86_64", "GenericCloud"));
    assertThat(ImageIdentity.fromKickstartName(Path.of("centos7.ks"))).isEqualTo(Optional.empty());
  }

  @Test
  void shouldNeverGiveTwoRunningBuildsTheSameName() throws Exception {
    Kickstart ks = kickstart("url --url=file:///r/\n");
    BuildRequest request = BuildRequest.builder(ks, EL9, temp).build();
    BuildIndex index = new BuildIndex(temp, List.of());

    String first = AbstractImageBuilder.reserveName(request, index);
    String second = AbstractImageBuilder.reserveName(request, index);

    assertThat(first).endsWith("_01");
    assertThat(second).endsWith("_02");
  }

  @Test
  void shouldListSectionsItDoesNotRun() throws Exception {
    RequiredTools.requireRoot();
    Kickstart ks = kickstart("url --url=file:///r/\n%addon com_redhat_kdump --disable\n%end\n");
    List<String> lines = new java.util.ArrayList<>();
    List<String> notRun;
    try (BuildLog log = new BuildLog(lines::add, temp.resolve("build.log"))) {
      notRun =
          new PostScripts(
                  new RootTree(temp),
                  temp,
                  new ToolRunner(log, Map.of(), java.time.Duration.ofMinutes(1)),
                  log)
              .run(ks);
    }
    assertThat(notRun).singleElement().asString().startsWith("%addon");
    assertThat(lines).anyMatch(l -> l.startsWith("not run    %addon"));
  }

  @Test
  void shouldMakeEveryFolderOfARequestAbsolute() throws Exception {
    BuildRequest request =
        BuildRequest.builder(kickstart("url --url=file:///r/\n"), EL9, Path.of("out")).build();

    assertThat(request.outputDirectory()).isAbsolute().endsWithRaw(Path.of("out"));
    assertThat(request.workRoot()).isAbsolute().endsWithRaw(Path.of("out/.work"));
  }
}
