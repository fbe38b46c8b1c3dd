package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens target/cloud-images.hpi (packaged before the tests run) as Jenkins would read it. */
class HpiPackageTest {
  private static final Path HPI = Path.of("target/cloud-images.hpi");
  private static final String PLUGIN_PACKAGE = "io/jenkins/plugins/cloudimages/plugin/";

  @TempDir static Path unpacked;
  private static Path pluginJar;

  @BeforeAll
  static void unpack() throws IOException {
    assertThat(HPI).as("run mvn verify: the hpi is packaged before the tests").exists();
    try (JarFile hpi = new JarFile(HPI.toFile())) {
      pluginJar = unpacked.resolve("cloud-images.jar");
      try (InputStream in = hpi.getInputStream(hpi.getEntry("WEB-INF/lib/cloud-images.jar"))) {
        Files.copy(in, pluginJar);
      }
    }
  }

  @Test
  void shouldCarryTheManifestJenkinsReads() throws IOException {
    try (JarFile hpi = new JarFile(HPI.toFile())) {
      Attributes main = hpi.getManifest().getMainAttributes();

      assertThat(main.getValue("Manifest-Version")).isEqualTo("1.0");
      assertThat(main.getValue("Short-Name")).isEqualTo("cloud-images");
      assertThat(main.getValue("Long-Name")).isEqualTo("Cloud Images");
      assertThat(main.getValue("Group-Id")).isEqualTo("io.jenkins.plugins");
      assertThat(main.getValue("Plugin-Version")).startsWith("0.1.0-SNAPSHOT (private-");
      assertThat(main.getValue("Jenkins-Version")).isEqualTo("2.479.3");
      assertThat(main.getValue("Minimum-Java-Version")).isEqualTo("17");
      assertThat(main.getValue("Url")).isNotBlank();
      assertThat(main.getValue("Plugin-Developers")).isNotBlank();
      assertThat(List.of(main.getValue("Plugin-Dependencies").split(",")))
          .containsExactlyInAnyOrder(
              "workflow-step-api:704.ve4f0967e98fa_",
              "structs:350.v3b_30f09f2363",
              "credentials:1415.v831096eb_5534",
              "ssh-credentials:359.v2191c4cf635f",
              "plain-credentials:199.v9f8e1f741799",
              "git:5.7.0",
              "git-client:6.1.3",
              "junit:1335.v6b_a_a_e18534e1",
              "jackson2-api:2.18.3-402.v74c4eb_f122b_2",
              "jsch:0.2.16-95.v3eecb_55fa_b_78");
    }
  }

  @Test
  void shouldBundleOnlyThePluginAndTheEngine() throws IOException {
    try (JarFile hpi = new JarFile(HPI.toFile())) {
      List<String> libs =
          Collections.list(hpi.entries()).stream()
              .map(ZipEntry::getName)
              .filter(n -> n.startsWith("WEB-INF/lib/") && !n.endsWith("/"))
              .toList();

      assertThat(libs)
          .containsExactlyInAnyOrder(
              "WEB-INF/lib/cloud-images.jar", "WEB-INF/lib/cloud-images-core-0.1.0-SNAPSHOT.jar");
      assertThat(Collections.list(hpi.entries()).stream().map(ZipEntry::getName))
          .allMatch(n -> n.startsWith("WEB-INF/") || n.startsWith("META-INF/"));
    }
  }

  @Test
  void shouldIndexEveryExtensionWithTheRealSezPozFormat() throws IOException {
    List<String> extensions = new ArrayList<>();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {pluginJar.toUri().toURL()}, Extension.class.getClassLoader())) {
      for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
        extensions.add(item.className());
      }
    }

    assertThat(extensions)
        .containsExactlyInAnyOrder(
            "io.jenkins.plugins.cloudimages.plugin.KickstartImageBuilder$DescriptorImpl",
            "io.jenkins.plugins.cloudimages.plugin.CloudDeployStep$DescriptorImpl",
            "io.jenkins.plugins.cloudimages.plugin.TFunctionalRunner$DescriptorImpl",
            "io.jenkins.plugins.cloudimages.plugin.ReleaseMarker$DescriptorImpl",
            "io.jenkins.plugins.cloudimages.plugin.CloudImagesConfiguration",
            "io.jenkins.plugins.cloudimages.plugin.ImageHost$DescriptorImpl",
            "io.jenkins.plugins.cloudimages.plugin.CloudDefinition$DescriptorImpl",
            "io.jenkins.plugins.cloudimages.plugin.CloudOption$DescriptorImpl",
            "io.jenkins.plugins.cloudimages.plugin.MirrorMapping$DescriptorImpl");
  }

  @Test
  void shouldIndexEverySymbolAsTheAnnotationIndexerDoes() throws Exception {
    List<String> listed;
    try (JarFile jar = new JarFile(pluginJar.toFile())) {
      listed =
          new String(
                  jar.getInputStream(jar.getEntry("META-INF/annotations/org.jenkinsci.Symbol"))
                      .readAllBytes(),
                  StandardCharsets.UTF_8)
              .lines()
              .toList();
    }
    List<String> annotated = new ArrayList<>();
    try (JarFile jar = new JarFile(pluginJar.toFile())) {
      for (ZipEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (name.startsWith(PLUGIN_PACKAGE) && name.endsWith(".class")) {
          String className = name.replace('/', '.').replaceAll("\\.class$", "");
          if (Class.forName(className, false, getClass().getClassLoader())
              .isAnnotationPresent(Symbol.class)) {
            annotated.add(className);
          }
        }
      }
    }

    assertThat(listed).isSorted().containsExactlyInAnyOrderElementsOf(annotated);
    assertThat(listed).hasSize(9);
  }

  @Test
  void shouldCarryViewsHelpAndTheIndexPageButNoStubs() throws IOException {
    try (JarFile jar = new JarFile(pluginJar.toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();

      assertThat(names)
          .contains(
              "index.jelly",
              PLUGIN_PACKAGE + "KickstartImageBuilder/config.jelly",
              PLUGIN_PACKAGE + "KickstartImageBuilder/help-kickstart.html",
              PLUGIN_PACKAGE + "CloudDeployStep/config.jelly",
              PLUGIN_PACKAGE + "TFunctionalRunner/help-suite.html",
              PLUGIN_PACKAGE + "ReleaseMarker/help-repository.html",
              PLUGIN_PACKAGE + "CloudImagesConfiguration/config.jelly",
              PLUGIN_PACKAGE + "ImageAction/summary.jelly",
              "META-INF/annotations/hudson.Extension");
      assertThat(names)
          .noneMatch(n -> n.startsWith("hudson/") || n.startsWith("jenkins/"))
          .noneMatch(n -> n.startsWith("org/") || n.startsWith("com/"));
      assertThat(jar.getManifest().getMainAttributes().getValue("Short-Name"))
          .isEqualTo("cloud-images");
    }
  }

  @Test
  void shouldCarryHelpForEveryFieldOfEveryPackagedForm() throws IOException {
    try (JarFile jar = new JarFile(pluginJar.toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
      List<String> forms = names.stream().filter(n -> n.endsWith("/config.jelly")).toList();

      assertThat(forms).hasSizeGreaterThanOrEqualTo(8);
      for (String form : forms) {
        String folder = form.substring(0, form.lastIndexOf('/') + 1);
        String jelly =
            new String(
                jar.getInputStream(jar.getEntry(form)).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher field =
            java.util.regex.Pattern.compile("field=\"(\\w+)\"").matcher(jelly);
        while (field.find()) {
          assertThat(names).as(form).contains(folder + "help-" + field.group(1) + ".html");
        }
        if (jelly.contains("field=\"credentialsId\"")) {
          assertThat(jelly)
              .as(form + " lists credentials with the Credentials plugin's tag")
              .contains("xmlns:c=\"/lib/credentials\"")
              .contains("<c:select/>");
        }
      }
    }
  }
}
