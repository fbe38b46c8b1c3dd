package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataFilesTest {
  @TempDir Path dir;

  private static final String FULL =
      """
      {
        "name": "CentOS-6-x86_64-GenericCloud",
        "release": "6",
        "arch": ["x86_64"],
        "variant": "GenericCloud",
        "syntax": "RHEL6",
        "formats": ["qcow2", "raw"],
        "disk_size": "10G",
        "builder": "virt-install",
        "clouds": ["qemu", "openstack"],
        "owner": "cloud-sig",
        "tfunctional": {"tests": ["0_common", "p_openssh"], "skip": ["p_selinux/0-test.sh"], "timeout": "45m"},
        "releases": []
      }
      """;

  @Test
  void shouldReadEverySchemaKey() throws Exception {
    MetadataFiles.Result result =
        MetadataFiles.read(write("CentOS-6-x86_64-GenericCloud.json", FULL));

    assertThat(result.problems()).isEmpty();
    ImageMetadata metadata = result.metadata().orElseThrow();
    assertThat(metadata.name()).isEqualTo("CentOS-6-x86_64-GenericCloud");
    assertThat(metadata.release()).isEqualTo("6");
    assertThat(metadata.arches()).containsExactly("x86_64");
    assertThat(metadata.variant()).isEqualTo("GenericCloud");
    assertThat(metadata.syntaxVersion()).contains(SyntaxVersion.RHEL6);
    assertThat(metadata.formats()).containsExactly("qcow2", "raw");
    assertThat(metadata.diskSizeMib()).isEqualTo(10 * 1024);
    assertThat(metadata.builder()).isEqualTo(ImageMetadata.Builder.VIRT_INSTALL);
    assertThat(metadata.clouds()).containsExactly("qemu", "openstack");
    assertThat(metadata.tfunctional().tests()).containsExactly("0_common", "p_openssh");
    assertThat(metadata.tfunctional().skip()).containsExactly("p_selinux/0-test.sh");
    assertThat(metadata.tfunctional().timeout()).isEqualTo(Duration.ofMinutes(45));
  }

  @Test
  void shouldAcceptTheShapeOfThe2014SigTooling() throws Exception {
    Path file =
        write(
            "openstack-65-growroot.json",
            """
            {
            "script": "",
            "distro": "centos",
            "release": "6",
            "schedule": "0",
            "type": "kvm",
            "extra": {
                    "vendor": "CentOS",
                    "disk_type": "qcow2",
                    "disk_size": "20",
                    "networks": {"net_0": "dhcp"}
                    }
            }
            """);

    MetadataFiles.Result result = MetadataFiles.read(file);

    assertThat(result.problems()).isEmpty();
    ImageMetadata metadata = result.metadata().orElseThrow();
    assertThat(metadata.name()).isEqualTo("openstack-65-growroot");
    assertThat(metadata.release()).isEqualTo("6");
    assertThat(metadata.arches()).containsExactly("x86_64");
    assertThat(metadata.formats()).containsExactly("qcow2");
    assertThat(metadata.diskSizeMib()).isEqualTo(20 * 1024);
    assertThat(metadata.builder()).isEqualTo(ImageMetadata.Builder.VIRT_INSTALL);
    assertThat(metadata.syntaxVersion()).isEmpty();
  }

  @Test
  void shouldReportEveryProblemWithItsLine() throws Exception {
    Path file =
        write(
            "CentOS-5-i386-GenericCloud.json",
            """
            {
              "release": "6",
              "arch": ["i386", "sparc"],
              "formats": ["qcow2", "iso"],
              "builder": "kiwi",
              "disk_size": -3,
              "syntax": "RHEL4",
              "fromats": ["raw"],
              "tfunctional": {"timeout": "soon"}
            }
            """);

    MetadataFiles.Result result = MetadataFiles.read(file);

    assertThat(result.metadata()).isEmpty();
    assertThat(result.problems())
        .allSatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.METADATA))
        .extracting(Problem::line, Problem::severity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(8, Problem.Severity.WARNING),
            org.assertj.core.groups.Tuple.tuple(2, Problem.Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple(3, Problem.Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple(7, Problem.Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple(4, Problem.Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple(6, Problem.Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple(5, Problem.Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple(9, Problem.Severity.ERROR));
    assertThat(result.problems())
        .extracting(Problem::message)
        .contains(
            "release '6' does not match the name 'CentOS-5-i386-GenericCloud'",
            "unknown arch 'sparc'; one of i386, x86_64, aarch64, ppc64le",
            "unknown key 'fromats' (did you mean 'formats'?)");
  }

  @Test
  void shouldReportJsonSyntaxErrorsAtTheirLine() throws Exception {
    Path file = write("x.json", "{\n  \"release\": \"6\",\n  \"arch\": [\"x86_64\"\n}\n");

    assertThat(MetadataFiles.read(file).problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(4);
              assertThat(p.message()).startsWith("not valid JSON");
            });
  }

  @Test
  void shouldRefuseDuplicateKeysEmptyAndBinaryFiles() throws Exception {
    assertThat(
            MetadataFiles.read(write("a.json", "{\"release\": \"6\",\n\"release\": \"7\"}"))
                .problems())
        .extracting(Problem::line, Problem::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "duplicate key 'release'"));
    assertThat(MetadataFiles.read(write("b.json", "")).problems())
        .extracting(Problem::message)
        .containsExactly("the file is empty; write a JSON object");
    Path binary = dir.resolve("c.json");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertThat(MetadataFiles.read(binary).problems())
        .extracting(Problem::message)
        .containsExactly("the file is not UTF-8 text");
    assertThat(MetadataFiles.read(write("d.json", "[1, 2]")).problems())
        .extracting(Problem::message)
        .containsExactly("the metadata must be a JSON object ({...})");
  }

  @Test
  void shouldKeepUnknownKeysAndOrderWhenAppendingARelease() throws Exception {
    Path file = write("CentOS-6-x86_64-GenericCloud.json", FULL);
    ImageMetadata metadata = MetadataFiles.read(file).metadata().orElseThrow();
    ImageMetadata.ReleaseRecord release =
        new ImageMetadata.ReleaseRecord(
            "CentOS-6-x86_64-GenericCloud-261125_01.qcow2",
            "a".repeat(64),
            "https://images.example.org/6/images/CentOS-6-x86_64-GenericCloud-261125_01.qcow2",
            "0123456789abcdef0123456789abcdef01234567",
            "https://ci.example.org/job/images/42/",
            List.of("qemu"),
            new ImageMetadata.TestSummary(12, 0, 1, Duration.ofSeconds(95)),
            Instant.parse("2026-11-25T10:00:00Z"),
            "first release");

    MetadataFiles.write(metadata.withRelease(release), file);

    String text = Files.readString(file);
    assertThat(text)
        .containsSubsequence(
            "\"name\": ",
            "\"release\": ",
            "\"owner\": \"cloud-sig\"",
            "\"tfunctional\": ",
            "\"releases\": [",
            "\"image\": \"CentOS-6-x86_64-GenericCloud-261125_01.qcow2\"",
            "\"duration\": 95",
            "\"comment\": \"first release\"")
        .endsWith("}\n");
    MetadataFiles.Result reread = MetadataFiles.read(file);
    assertThat(reread.problems()).isEmpty();
    assertThat(reread.metadata().orElseThrow().releases()).containsExactly(release);
    assertThat(reread.metadata().orElseThrow().document().path("owner").asText())
        .isEqualTo("cloud-sig");
    assertThat(metadata.releases()).isEmpty();
  }

  @Test
  void shouldValidateReleaseEntries() throws Exception {
    Path file =
        write(
            "CentOS-6-x86_64-GenericCloud.json",
            """
            {"release": "6",
             "releases": [
               {"image": "x.qcow2", "sha256": "XYZ",
                "time": "yesterday", "tfunctional": {"tests": -1}}
             ]}
            """);

    assertThat(MetadataFiles.read(file).problems())
        .extracting(Problem::line, Problem::message)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(3, "'sha256' must be 64 lower-case hex digits"),
            org.assertj.core.groups.Tuple.tuple(
                4, "'time' must be an ISO 8601 time with offset, e.g. 2014-07-25T10:00:00Z"),
            org.assertj.core.groups.Tuple.tuple(4, "'tests' must be a whole number, 0 or more"));
  }

  @Test
  void shouldFindTheMetadataBesideTheKickstart() {
    assertThat(MetadataFiles.besides(Path.of("kickstarts/CentOS-6-i386-GenericCloud.ks")))
        .isEqualTo(Path.of("kickstarts/CentOS-6-i386-GenericCloud.json"));
    assertThat(MetadataFiles.besides(Path.of("openstack-64-growroot.cfg")))
        .isEqualTo(Path.of("openstack-64-growroot.json"));
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
