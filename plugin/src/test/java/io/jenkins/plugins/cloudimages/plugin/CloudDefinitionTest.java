package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cloud's driver options as configured and as the engine gets them. */
class CloudDefinitionTest {
  @Test
  void shouldGiveTheOptionsInOrder() {
    CloudDefinition cloud = new CloudDefinition("lab", "openstack");
    cloud.setOptions(
        List.of(
            new CloudOption(" region ", " RegionOne "),
            new CloudOption("identityApiVersion", "3")));

    assertThat(cloud.optionMap())
        .containsExactly(Map.entry("region", "RegionOne"), Map.entry("identityApiVersion", "3"));
  }

  @Test
  void shouldRefuseAKeyGivenTwiceOrNoKey() {
    CloudDefinition twice = new CloudDefinition("lab", "openstack");
    twice.setOptions(List.of(new CloudOption("region", "a"), new CloudOption("region", "b")));
    CloudDefinition blank = new CloudDefinition("lab", "openstack");
    blank.setOptions(List.of(new CloudOption("", "a")));

    assertThatThrownBy(twice::optionMap)
        .hasMessage("cloud lab: driver option region is given twice");
    assertThatThrownBy(blank::optionMap).hasMessage("cloud lab: a driver option has no key");
  }

  @Test
  void shouldLoadConfigurationsSavedBeforeOptionsExisted() throws ReflectiveOperationException {
    CloudDefinition old = new CloudDefinition("lab", "openstack");
    // XStream leaves a field that is absent from the XML null: it does not run initializers
    Field options = CloudDefinition.class.getDeclaredField("options");
    options.setAccessible(true);
    options.set(old, null);

    assertThat(old.getOptions()).isEmpty();
    assertThat(old.optionMap()).isEmpty();
  }

  @Test
  void shouldTakeNoOptionsFromConfigurationAsCodeWithoutThem() {
    CloudDefinition cloud = new CloudDefinition("lab", "openstack");
    cloud.setOptions(null);

    assertThat(cloud.getOptions()).isEmpty();
  }
}
