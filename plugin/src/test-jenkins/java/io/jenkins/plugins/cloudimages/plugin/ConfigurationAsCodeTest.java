package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

/** {@code unclassified: cloudImages:} in JCasC (needs -Pjenkins; not run offline). */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {
  @Test
  @ConfiguredWithCode("casc.yaml")
  void shouldReadTheGlobalConfigurationFromYaml(JenkinsConfiguredWithCodeRule r) {
    CloudImagesConfiguration config = CloudImagesConfiguration.get();

    assertThat(config.allowedHostList()).containsExactly("mirror.centos.org");
    assertThat(config.mirrorMap()).containsEntry("http://mirror.centos.org/", "http://10.0.0.5/");
    assertThat(config.imageHost("centos").orElseThrow().getRoot()).isEqualTo("/srv/images");
    assertThat(config.cloud("openstack-ci").orElseThrow().getFlavor()).isEqualTo("m1.small");
    assertThat(config.cloud("openstack-ci").orElseThrow().optionMap())
        .containsEntry("region", "RegionOne");
    assertThat(config.getTestTimeoutMinutes()).isEqualTo(15);
  }
}
