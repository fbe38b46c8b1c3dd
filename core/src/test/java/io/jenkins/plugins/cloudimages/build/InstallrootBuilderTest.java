package io.jenkins.plugins.cloudimages.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import io.jenkins.plugins.cloudimages.testing.Ext4Inspector;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import io.jenkins.plugins.cloudimages.testing.TestRpmRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end installroot builds (slow: real dnf, chroot, mkfs.ext4, qemu-img) of the test kickstart
 * from {@link TestRpmRepository}; the images are inspected with debugfs, never mounted.
 */
class InstallrootBuilderTest {
  private static final String UPSTREAM = "http://mirror.centos.invalid/centos/9/BaseOS/x86_64/os/";

  @TempDir Path out;
  @TempDir Path sources;
  private TestRpmRepository repository;
  private Kickstart kickstart;

  @BeforeEach
  void requireTools() throws Exception {
    RequiredTools.requireRoot();
    RequiredTools.require(
        "dnf",
        "rpmbuild",
        "createrepo_c",
        "mkfs.ext4",
        "qemu-img",
        "debugfs",
        "sha256sum",
        "sfdisk");
    repository = TestRpmRepository.get();
    kickstart = TestKickstarts.read(testKickstart(), SyntaxVersion.RHEL9);
  }

  @Test
  void shouldInstallConfigureAndImageFromAnHttpRepositoryThenReuseTheImage() throws Exception {
    List<String> log = new ArrayList<>();
    BuildResult result;
    try (TestRpmRepository.Server http = repository.serveHttp()) {
      BuildRequest request =
          BuildRequest.builder(kickstart, new ImageIdentity("9", "x86_64", "Test"), out)
              .mirror(UPSTREAM, http.url())
              .format(ImageFormat.RAW)
              .format(ImageFormat.QCOW2)
              .build();
      result = new InstallrootBuilder().build(request, log::add);

      BuildResult again = new InstallrootBuilder().build(request, log::add);
      assertThat(again.reused()).isTrue();
      assertThat(again.name()).isEqualTo(result.name());
    }

    assertThat(result.name()).matches("CentOS-9-x86_64-Test-\\d{6}_01");
    Path raw = out.resolve(result.name() + ".raw");
    Path qcow2 = out.resolve(result.name() + ".qcow2");
    assertThat(result.images()).containsExactlyInAnyOrder(raw, qcow2);
    Ext4Inspector image = Ext4Inspector.of(raw);
    assertThat(image.label()).isEqualTo("root");
    assertThat(image.stat("/etc/demo/base.conf"))
        .hasValueSatisfying(i -> assertThat(i.mode()).isEqualTo("0640"));
    assertThat(image.stat("/usr/libexec/demo/hello"))
        .hasValueSatisfying(i -> assertThat(i.mode()).isEqualTo("0755"));
    assertThat(image.stat("/var/lib/demo-app"))
        .hasValueSatisfying(i -> assertThat(i.mode()).isEqualTo("0750"));
    assertThat(image.stat("/etc/demo/app.secret"))
        .hasValueSatisfying(i -> assertThat(i.mode()).isEqualTo("0600"));
    assertThat(image.cat("/var/lib/demo-app/installed-by-post")).contains("post ran for 1");
    assertThat(image.stat("/etc/demo/post-marker"))
        .hasValueSatisfying(i -> assertThat(i.mode()).isEqualTo("0604"));
    assertThat(image.cat("/root/ks-post.log")).contains("installed-by-post");
    assertThat(image.cat("/etc/demo/nochroot-marker")).contains("nochroot saw /");
    assertThat(image.stat("/usr/share/doc/demo-app/README")).as("--excludedocs").isEmpty();
    assertThat(image.stat("/usr/share/demo-extra/extra.txt")).isPresent();
    assertThat(image.stat("/tmp/ks-script-1")).isEmpty();
    assertThat(image.stat("/dev/null")).as("devices made for %post are removed").isEmpty();
    assertThat(image.stat("/home/cloud"))
        .hasValueSatisfying(
            i -> {
              assertThat(i.mode()).isEqualTo("0700");
              assertThat(i.uid()).isEqualTo(1001);
            });
    assertThat(image.stat("/home/cloud/.ssh/authorized_keys"))
        .hasValueSatisfying(
            i -> {
              assertThat(i.mode()).isEqualTo("0600");
              assertThat(i.uid()).isEqualTo(1001);
            });
    assertThat(image.cat("/home/cloud/.ssh/authorized_keys")).contains("test@cloudimg");
    assertThat(image.cat("/etc/passwd")).contains("cloud:x:1001:1001::/home/cloud:/bin/sh");
    assertThat(image.cat("/etc/group")).contains("wheel:x:10:cloud");
    assertThat(image.stat("/etc/shadow"))
        .hasValueSatisfying(i -> assertThat(i.mode()).isEqualTo("0000"));
    assertThat(image.cat("/etc/shadow"))
        .contains("root:$6$cloudimg$0123")
        .containsPattern("cloud:\\$6\\$[^:]+:");
    assertThat(image.cat("/etc/hostname")).isEqualTo("demo.example.org\n");
    assertThat(image.cat("/etc/selinux/config")).contains("SELINUX=permissive");
    assertThat(image.cat("/etc/locale.conf")).contains("LANG=\"en_US.UTF-8\"");
    assertThat(image.cat("/etc/sysconfig/network-scripts/ifcfg-eth0")).contains("BOOTPROTO=dhcp");
    assertThat(image.cat("/etc/fstab")).contains("LABEL=root / ext4");
    assertThat(image.stat("/var/lib/rpm/rpmdb.sqlite")).isPresent();

    assertThat(Files.readAllLines(out.resolve(result.name() + ".manifest.txt")))
        .containsExactly(
            "busybox-1.35.0-1.x86_64",
            "demo-app-2.1-1.noarch",
            "demo-base-1.0-1.noarch",
            "demo-extra-0.3-1.noarch",
            "setup-2.13.7-1.noarch");
    ProcessRunner.Result check =
        new ProcessRunner().in(out).run("sha256sum", "-c", "sha256sum.txt");
    assertThat(check.succeeded()).as(check.output()).isTrue();
    assertThat(check.output()).contains(result.name() + ".qcow2: OK", result.name() + ".raw: OK");
    ProcessRunner.Result info =
        new ProcessRunner().run("qemu-img", "info", "--output=json", qcow2.toString());
    assertThat(info.output()).contains("\"compression-type\": \"zlib\"");

    JsonNode sbom = new ObjectMapper().readTree(out.resolve(result.name() + ".spdx.json").toFile());
    assertThat(sbom.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(sbom.path("packages")).hasSize(6);
    JsonNode buildInfo =
        new ObjectMapper().readTree(out.resolve(result.name() + ".build-info.json").toFile());
    assertThat(buildInfo.path("inputDigest").asText()).isEqualTo(result.inputDigest());
    assertThat(buildInfo.path("backend").asText()).isEqualTo("installroot");
    assertThat(buildInfo.path("repositories").get(0).path("baseUrl").asText())
        .startsWith("http://127.0.0.1:");
    assertThat(buildInfo.path("disk").path("boot").asText()).contains("external kernel");
    assertThat(buildInfo.path("disk").path("kernelArguments").asText())
        .isEqualTo("console=ttyS0,115200n8 no_timer_check");
    assertThat(buildInfo.path("boot").asText()).isEqualTo("kernel");
    assertThat(buildInfo.path("kernelArgs").asText())
        .isEqualTo("root=LABEL=root rw net.ifnames=0 console=ttyS0,115200n8 no_timer_check");
    assertThat(buildInfo.path("cloudInit").asBoolean(true)).isFalse();
    assertThat(buildInfo.path("stages").findValuesAsText("name"))
        .contains("dnf install", "%post", "file system", "image files");
    assertThat(log).anyMatch(l -> l.startsWith("not applied") && l.contains("authselect"));
    assertThat(log).anyMatch(l -> l.contains("reusing " + result.name()));
    assertThat(log).contains("dnf install: 100%");
    assertThat(log).noneMatch(l -> l.contains("not-a-secret") || l.contains("$6$cloudimg$"));
    assertThat(log)
        .anyMatch(l -> l.startsWith("consumed    url --url=http://mirror.centos.invalid/"));
    assertThat(image.stat("/.autorelabel"))
        .as("selinux --permissive relabels on first boot")
        .isPresent();
    try (Stream<Path> left = Files.list(out.resolve(".work"))) {
      assertThat(left).as("work directories are removed").isEmpty();
    }
  }

  @Test
  void shouldWriteAnMbrDiskAndRootfsTarballFromAFileRepository() throws Exception {
    // An image with cloud-init's program: build-info says so, although the root tree it was read
    // from is deleted while the image files are finished.
    Path withCloudInit = sources.resolve("with-cloud-init.ks");
    Files.writeString(
        withCloudInit,
        Files.readString(testKickstart())
            + "\n%post\nmkdir -p /usr/bin\nprintf '#!/bin/sh\\n' > /usr/bin/cloud-init\n"
            + "chmod 0755 /usr/bin/cloud-init\n%end\n");
    Kickstart cloudInitKickstart = TestKickstarts.read(withCloudInit, SyntaxVersion.RHEL9);
    BuildRequest request =
        BuildRequest.builder(cloudInitKickstart, new ImageIdentity("9", "x86_64", "Test"), out)
            .mirror(UPSTREAM, repository.fileUrl())
            .layout(DiskLayout.MBR)
            .format(ImageFormat.RAW)
            .format(ImageFormat.TAR_XZ)
            .format(ImageFormat.VMDK)
            .format(ImageFormat.VHDX)
            .build();

    BuildResult result = new InstallrootBuilder().build(request, BuildListener.silent());

    assertThat(
            new ObjectMapper()
                .readTree(result.buildInfo().orElseThrow().toFile())
                .path("cloudInit")
                .asBoolean(false))
        .isTrue();
    Path raw = out.resolve(result.name() + ".raw");
    assertThat(
            new ProcessRunner()
                .run("qemu-img", "info", out.resolve(result.name() + ".vmdk").toString())
                .output())
        .contains("create type: streamOptimized");
    assertThat(
            new ProcessRunner()
                .run("qemu-img", "info", out.resolve(result.name() + ".vhdx").toString())
                .output())
        .contains("file format: vhdx");
    ProcessRunner.Result table = new ProcessRunner().run("sfdisk", "-d", raw.toString());
    assertThat(table.output())
        .contains("label: dos")
        .containsPattern("start=\\s*2048, size=\\s*194560, type=83, bootable");
    Ext4Inspector partition = Ext4Inspector.of(raw, 1024 * 1024);
    assertThat(partition.label()).isEqualTo("root");
    assertThat(partition.cat("/etc/demo/post-marker")).contains("post ran in the image");
    ProcessRunner.Result tar =
        new ProcessRunner()
            .run(
                "tar",
                "-tvJf",
                out.resolve(result.name() + ".tar.xz").toString(),
                "./etc/demo/app.secret");
    assertThat(tar.output()).contains("-rw------- 0/0");
    assertThat(Files.readString(out.resolve(result.name() + ".Dockerfile")))
        .contains("ADD " + result.name() + ".tar.xz /");
  }

  static Path testKickstart() throws Exception {
    return Path.of(InstallrootBuilderTest.class.getResource("CentOS-9-x86_64-Test.ks").toURI());
  }
}
