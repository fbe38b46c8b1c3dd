package io.jenkins.plugins.cloudimages.plugin.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

@AnalyzeClasses(
    packages = "io.jenkins.plugins.cloudimages.plugin",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PluginArchitectureTest {
  @ArchTest
  static final ArchRule USE_POST_FOR_VALIDATION_END_POINTS =
      methods()
          .that()
          .haveNameMatching("doCheck[A-Z].*")
          .should()
          .beAnnotatedWith(POST.class)
          .andShould()
          .bePublic()
          .because("form validation must not be reachable by GET (CSRF)");

  @ArchTest
  static final ArchRule USE_POST_FOR_LIST_AND_COMBOBOX_FILL =
      methods()
          .that()
          .haveNameMatching("doFill[A-Z].*Items")
          .should()
          .beAnnotatedWith(POST.class)
          .andShould()
          .bePublic()
          .because("lists may show credential names and configuration");

  @ArchTest
  static final ArchRule DATA_BOUND_CONSTRUCTOR_MUST_BE_IN_PUBLIC_CLASS =
      classes()
          .that()
          .containAnyConstructorsThat(
              DescribedPredicate.describe(
                  "are @DataBoundConstructor", c -> c.isAnnotatedWith(DataBoundConstructor.class)))
          .should()
          .bePublic()
          .because("Stapler instantiates them by reflection");

  @ArchTest
  static final ArchRule DATA_BOUND_SETTER_MUST_BE_PUBLIC =
      methods()
          .that()
          .areAnnotatedWith(DataBoundSetter.class)
          .should()
          .bePublic()
          .andShould()
          .beDeclaredInClassesThat()
          .arePublic()
          .because("Stapler calls them by reflection");

  @ArchTest
  static final ArchRule NO_JENKINS_IN_THE_RULES =
      noClasses()
          .that()
          .resideInAPackage("..plugin.rules..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "com.cloudbees..")
          .because("the decisions of the glue are tested without Jenkins");

  @ArchTest
  static final ArchRule NO_JENKINS_INSTANCE_CALL_IN_THE_RULES =
      noClasses()
          .that()
          .resideInAPackage("..plugin.rules..")
          .should()
          .callMethod(jenkins.model.Jenkins.class, "get")
          .because("the rules get what they need as parameters");

  @ArchTest
  static final ArchRule ONLY_LIBRARIES_JENKINS_PROVIDES =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.sshd..",
              "io.jenkins.plugins.cloudimages.pipeline.demo..",
              "io.jenkins.plugins.cloudimages.cli..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.jenkins.plugins.cloudimages.publish.EmbeddedImageHost")
          .because(
              "the .hpi bundles only the plugin and the engine: JSON and SSH come from the"
                  + " jackson2-api and jsch plugins, and the engine's embedded SFTP server (MINA"
                  + " SSHD) is not shipped");

  @ArchTest
  static final ArchRule STEPS_ARE_FINAL =
      classes()
          .that()
          .haveSimpleNameEndingWith("Builder")
          .or()
          .haveSimpleNameEndingWith("Step")
          .or()
          .haveSimpleNameEndingWith("Runner")
          .or()
          .haveSimpleName("ReleaseMarker")
          .should()
          .haveModifier(JavaModifier.FINAL)
          .because("each step is one small final class, like workflow-basic-steps' SleepStep");
}
