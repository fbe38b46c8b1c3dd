package io.jenkins.plugins.cloudimages.kickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntaxSelectionTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "CentOS-6-x86_64-GenericCloud.ks, RHEL6",
    "CentOS-5-i386-GenericCloud.ks, RHEL5",
    "CentOS-7-ppc64le-GenericCloud-1611.ks, RHEL7",
    "centos-5.11.ks, RHEL5",
    "centos-6i386.ks, RHEL6",
    "centos7.ks, RHEL7",
    "openstack-64-growroot.cfg, RHEL6",
    "openstack-65-x86_64.ks, RHEL6",
    "cloudstack-7-x86_64.ks, RHEL7",
    "Rocky-9-GenericCloud.ks, RHEL9",
    "el10-aarch64.ks, RHEL10"
  })
  void shouldTakeTheReleaseFromTheFileName(String name, SyntaxVersion expected) {
    assertThat(SyntaxSelection.fromFileName(name)).contains(expected);
  }

  @Test
  void shouldNotMistakeArchitecturesOrDatesForReleases() {
    assertThat(SyntaxSelection.fromFileName("generic-x86_64-201606.ks")).isEmpty();
    assertThat(SyntaxSelection.fromFileName("minimal-i386.ks")).isEmpty();
  }

  @Test
  void shouldPreferExplicitThenMetadataThenFileNameThenVersionLineThenNewest() throws Exception {
    Path named = write("CentOS-6-x86_64-GenericCloud.ks", "#version=RHEL7\n");
    Path unnamed = write("generic.ks", "# a comment\n#version=RHEL7\nurl --url=x\n");
    Path plain = write("plain.ks", "text\n");

    assertThat(SyntaxSelection.choose(SyntaxVersion.RHEL8, null, named))
        .isEqualTo(new SyntaxSelection(SyntaxVersion.RHEL8, "--syntax"));
    assertThat(SyntaxSelection.choose(null, null, named))
        .isEqualTo(new SyntaxSelection(SyntaxVersion.RHEL6, "file name"));
    assertThat(SyntaxSelection.choose(null, null, unnamed))
        .isEqualTo(new SyntaxSelection(SyntaxVersion.RHEL7, "#version= line"));
    assertThat(SyntaxSelection.choose(null, null, plain))
        .isEqualTo(new SyntaxSelection(SyntaxVersion.newest(), "newest"));
  }

  @Test
  void shouldUseTheMetadataSyntaxBeforeTheFileName() throws Exception {
    Path kickstart = write("CentOS-6-x86_64-GenericCloud.ks", "text\n");
    Path json =
        write("CentOS-6-x86_64-GenericCloud.json", "{\"release\": \"6\", \"syntax\": \"RHEL7\"}");
    ImageMetadata metadata = MetadataFiles.read(json).metadata().orElseThrow();

    assertThat(SyntaxSelection.choose(null, metadata, kickstart))
        .isEqualTo(new SyntaxSelection(SyntaxVersion.RHEL7, "metadata syntax"));
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }
}
