package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Every bound field has a form entry and a help file, so nothing is configurable blind. */
class ViewsAndHelpTest {
  private static final Path RESOURCES =
      Path.of("src/main/resources/io/jenkins/plugins/cloudimages/plugin");

  private static final List<Class<?>> STEPS =
      List.of(
          KickstartImageBuilder.class,
          CloudDeployStep.class,
          TFunctionalRunner.class,
          ReleaseMarker.class);

  private static final List<Class<?>> GLOBAL_SETTINGS =
      List.of(
          CloudImagesConfiguration.class,
          ImageHost.class,
          CloudDefinition.class,
          CloudOption.class,
          MirrorMapping.class);

  static Stream<Class<?>> steps() {
    return STEPS.stream();
  }

  static Stream<Class<?>> configurables() {
    return Stream.concat(STEPS.stream(), GLOBAL_SETTINGS.stream());
  }

  @ParameterizedTest
  @MethodSource("configurables")
  void shouldHaveAFormEntryAndHelpForEveryField(Class<?> type) throws IOException {
    Path folder = RESOURCES.resolve(type.getSimpleName());
    String form = Files.readString(folder.resolve("config.jelly"));

    assertThat(fields(type)).isNotEmpty();
    for (String field : fields(type)) {
      assertThat(folder.resolve("help-" + field + ".html")).as(field).isNotEmptyFile();
      assertThat(form)
          .as("config.jelly of " + type.getSimpleName())
          .contains("field=\"" + field + "\"");
    }
  }

  @Test
  void shouldNameTheAcceptedKindsInTheHelpOfEveryCredentialField() throws IOException {
    Map<Class<?>, CredentialKind> fields =
        Map.of(
            ImageHost.class, ImageHost.LOGINS,
            CloudDefinition.class, CloudDefinition.ACCOUNTS,
            TFunctionalRunner.class, TFunctionalRunner.LOGINS,
            ReleaseMarker.class, ReleaseMarker.LOGINS);
    for (Map.Entry<Class<?>, CredentialKind> field : fields.entrySet()) {
      String help =
          Files.readString(
                  RESOURCES
                      .resolve(field.getKey().getSimpleName())
                      .resolve("help-credentialsId.html"))
              .replaceAll("<[^>]+>", "")
              .replaceAll("\\s+", " ");

      assertThat(help).as(field.getKey().getSimpleName()).contains(field.getValue().displayNames());
    }
  }

  @ParameterizedTest
  @MethodSource("steps")
  void shouldExplainEveryStep(Class<?> type) {
    assertThat(RESOURCES.resolve(type.getSimpleName()).resolve("help.html")).isNotEmptyFile();
  }

  static List<String> fields(Class<?> type) {
    List<String> fields = new ArrayList<>();
    for (Constructor<?> c : type.getConstructors()) {
      if (c.isAnnotationPresent(DataBoundConstructor.class)) {
        for (Parameter p : c.getParameters()) {
          fields.add(p.getName());
        }
      }
    }
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(DataBoundSetter.class)
          && !m.isAnnotationPresent(Deprecated.class)) {
        String name = m.getName().substring(3);
        fields.add(name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1));
      }
    }
    return fields;
  }
}
