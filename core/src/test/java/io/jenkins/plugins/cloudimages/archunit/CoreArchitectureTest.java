package io.jenkins.plugins.cloudimages.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.jenkins.plugins.cloudimages",
    importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  @ArchTest
  static final ArchRule NO_JENKINS_TYPES_IN_CORE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "hudson..",
              "jenkins..",
              "org.jenkinsci..",
              "org.kohsuke.stapler..",
              "com.cloudbees..")
          .because("core is the Jenkins-free engine; Jenkins glue belongs in plugin/");

  @ArchTest
  static final ArchRule NO_CLI_TYPES_IN_CORE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("picocli..", "io.jenkins.plugins.cloudimages.cli..")
          .because("the command line is a thin layer over core, never the other way round");
}
