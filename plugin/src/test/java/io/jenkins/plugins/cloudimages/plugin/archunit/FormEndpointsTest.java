package io.jenkins.plugins.cloudimages.plugin.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import hudson.model.Item;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildWrapperDescriptor;
import java.util.Set;
import org.kohsuke.stapler.AncestorInPath;

/**
 * Every form endpoint of every descriptor (doCheck..., doFill...Items) checks permissions before
 * answering: it goes through Forms, whose guards ask for Item.CONFIGURE in an item's context and
 * Jenkins.ADMINISTER globally (credential lists: what the Credentials plugin documents). The
 * endpoints of steps see the item they are configured in.
 */
@AnalyzeClasses(
    packages = "io.jenkins.plugins.cloudimages.plugin",
    importOptions = ImportOption.DoNotIncludeTests.class)
class FormEndpointsTest {
  private static final String FORMS = "io.jenkins.plugins.cloudimages.plugin.Forms";
  private static final String ENDPOINT = "do(Check[A-Z].*|Fill[A-Z].*Items)";

  @ArchTest
  static final ArchRule ENDPOINTS_GO_THROUGH_A_PERMISSION_GUARD =
      methods()
          .that()
          .haveNameMatching(ENDPOINT)
          .should(call(FORMS, Set.of("check", "options", "credentials", "checkCredentials")))
          .because("an endpoint must not answer those who may not configure");

  @ArchTest
  static final ArchRule STEP_ENDPOINTS_SEE_THEIR_ITEM =
      methods()
          .that()
          .haveNameMatching(ENDPOINT)
          .and()
          .areDeclaredInClassesThat()
          .areAssignableTo(BuildStepDescriptor.class)
          .or()
          .haveNameMatching(ENDPOINT)
          .and()
          .areDeclaredInClassesThat()
          .areAssignableTo(BuildWrapperDescriptor.class)
          .should(takeTheAncestorItem())
          .because("a step's form is checked with Item.CONFIGURE on the job, not globally");

  @ArchTest
  static final ArchRule VALIDATION_AND_LISTS_ASK_ITEM_CONFIGURE_OR_ADMINISTER =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .haveFullyQualifiedName(FORMS)
          .and()
          .haveNameMatching("check|options")
          .should(call(FORMS, Set.of("canConfigure")));

  @ArchTest
  static final ArchRule CREDENTIAL_LISTS_ASK_AS_THE_CREDENTIALS_PLUGIN_DOCUMENTS =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .haveFullyQualifiedName(FORMS)
          .and()
          .haveName("credentials")
          .should(call(FORMS, Set.of("mayListCredentials")))
          .andShould(
              call(
                  "com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel",
                  Set.of("includeEmptyValue", "includeMatchingAs", "includeCurrentValue")));

  @ArchTest
  static final ArchRule CREDENTIAL_CHECKS_ASK_AS_THE_CREDENTIALS_PLUGIN_DOCUMENTS =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .haveFullyQualifiedName(FORMS)
          .and()
          .haveName("checkCredentials")
          .should(call(FORMS, Set.of("mayListCredentials")));

  @ArchTest
  static final ArchRule CREDENTIALS_ARE_LOOKED_UP_AS_THE_LIST_SHOWS_THEM =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .haveFullyQualifiedName(FORMS)
          .and()
          .haveName("canUse")
          .should(
              call(
                  "com.cloudbees.plugins.credentials.CredentialsProvider",
                  Set.of("listCredentialsInItem", "listCredentialsInItemGroup")))
          .andShould(call(FORMS, Set.of("authenticationOf")));

  @ArchTest
  static final ArchRule THE_CONFIGURE_GUARD_READS_ITS_PERMISSIONS =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .haveFullyQualifiedName(FORMS)
          .and()
          .haveName("canConfigure")
          .should(read(Set.of("CONFIGURE", "ADMINISTER")));

  @ArchTest
  static final ArchRule THE_CREDENTIALS_GUARD_READS_ITS_PERMISSIONS =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .haveFullyQualifiedName(FORMS)
          .and()
          .haveName("mayListCredentials")
          .should(read(Set.of("EXTENDED_READ", "USE_ITEM", "ADMINISTER")));

  /** The method (or a lambda in it) calls every one of {@code names} of {@code owner}... */
  private static ArchCondition<JavaMethod> call(String owner, Set<String> names) {
    boolean all = names.size() > 1 && !owner.equals(FORMS);
    return new ArchCondition<>((all ? "call all of " : "call one of ") + owner + names) {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        Set<String> called =
            new java.util.HashSet<>(
                callsFrom(method).stream()
                    .filter(call -> call.getTargetOwner().isAssignableTo(owner))
                    .map(call -> call.getName())
                    .filter(names::contains)
                    .toList());
        boolean ok = all ? called.containsAll(names) : !called.isEmpty();
        events.add(
            new SimpleConditionEvent(
                method, ok, method.getFullName() + " calls " + called + " of " + names));
      }
    };
  }

  /** Calls from the method and from the lambdas it declares (they are synthetic methods). */
  private static java.util.List<com.tngtech.archunit.core.domain.JavaMethodCall> callsFrom(
      JavaMethod method) {
    java.util.List<com.tngtech.archunit.core.domain.JavaMethodCall> calls =
        new java.util.ArrayList<>(method.getMethodCallsFromSelf());
    for (JavaMethod other : method.getOwner().getMethods()) {
      if (other.getName().startsWith("lambda$" + method.getName() + "$")) {
        calls.addAll(other.getMethodCallsFromSelf());
      }
    }
    return calls;
  }

  private static ArchCondition<JavaMethod> read(Set<String> fields) {
    return new ArchCondition<>("read the permissions " + fields) {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        Set<String> read =
            new java.util.HashSet<>(
                method.getFieldAccesses().stream().map(access -> access.getName()).toList());
        events.add(
            new SimpleConditionEvent(
                method,
                read.containsAll(fields),
                method.getFullName() + " reads " + read + ", needs " + fields));
      }
    };
  }

  private static ArchCondition<JavaMethod> takeTheAncestorItem() {
    return new ArchCondition<>("take the @AncestorInPath Item") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        boolean ok = false;
        for (JavaParameter parameter : method.getParameters()) {
          ok |=
              parameter.getRawType().isEquivalentTo(Item.class)
                  && parameter.isAnnotatedWith(AncestorInPath.class);
        }
        events.add(new SimpleConditionEvent(method, ok, method.getFullName()));
      }
    };
  }
}
