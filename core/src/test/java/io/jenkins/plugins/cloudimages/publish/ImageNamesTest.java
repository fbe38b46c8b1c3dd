package io.jenkins.plugins.cloudimages.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageNamesTest {
  @Test
  void shouldDropTheVersionStampForTheAlias() {
    assertThat(ImageNames.aliasOf("CentOS-9-x86_64-GenericCloud-251125_01.qcow2"))
        .contains("CentOS-9-x86_64-GenericCloud.qcow2");
    assertThat(ImageNames.aliasOf("CentOS-7-aarch64-Docker-251125_02.tar.xz"))
        .contains("CentOS-7-aarch64-Docker.tar.xz");
    assertThat(ImageNames.aliasOf("CentOS-8-x86_64-GenericCloud-251125_01.raw.xz"))
        .contains("CentOS-8-x86_64-GenericCloud.raw.xz");
  }

  @Test
  void shouldHaveNoAliasForUnversionedNames() {
    assertThat(ImageNames.aliasOf("CentOS-9-x86_64-GenericCloud.qcow2")).isEmpty();
    assertThat(ImageNames.aliasOf("disk.img")).isEmpty();
  }

  @Test
  void shouldSortVersionsInReleaseOrder() {
    assertThat(ImageNames.versionOf("CentOS-9-x86_64-GenericCloud-251125_02.qcow2"))
        .get()
        .asString()
        .isGreaterThan(ImageNames.versionOf("CentOS-9-x86_64-GenericCloud-251125_01.qcow2").get())
        .isGreaterThan(ImageNames.versionOf("CentOS-9-x86_64-GenericCloud-241231_09.qcow2").get());
  }
}
