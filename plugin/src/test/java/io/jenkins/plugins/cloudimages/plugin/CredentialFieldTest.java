package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import io.jenkins.plugins.cloudimages.plugin.rules.Check;
import io.jenkins.plugins.cloudimages.plugin.rules.Check.Kind;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The credential check of every credential field, as the Credentials plugin's consumer guide shows
 * it, against a fake of the credentials a form's context can use. No secret is ever read.
 */
class CredentialFieldTest {
  private static final String NOT_FOUND = "Cannot find currently selected credentials";

  /** A credential of one of the kinds the plugin knows, by the id it is stored under. */
  record Stored(String id, Credentials credentials) {}

  static final Stored SSH_KEY = new Stored("build-key", new SshKey());
  static final Stored PASSWORD = new Stored("sftp-login", new UserPassword());
  static final Stored TEXT = new Stored("api-token", new SecretText());
  static final Stored FILE = new Stored("openrc", new SecretFile());
  static final Stored CERTIFICATE = new Stored("client-cert", new OtherKind());

  /**
   * One credential field as its descriptor checks it.
   *
   * @param accepted the stored credentials of the kinds the field can use
   * @param names what the error for another kind names
   */
  record Field(
      String name, Function<String, CredentialField> check, List<Stored> accepted, String names) {
    List<Stored> refused() {
      return Stream.of(SSH_KEY, PASSWORD, TEXT, FILE, CERTIFICATE)
          .filter(s -> !accepted.contains(s))
          .toList();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Field> fields() {
    return Stream.of(
        new Field(
            "image host",
            ImageHost::credentialField,
            List.of(SSH_KEY, PASSWORD),
            "SSH Username with private key or Username with password"),
        new Field(
            "openstack cloud",
            id -> CloudDefinition.credentialField("openstack", id),
            List.of(FILE, TEXT),
            "Secret file or Secret text"),
        new Field(
            "tFunctional explicit host",
            id -> TFunctionalRunner.credentialField("test-vm.example.org", id),
            List.of(SSH_KEY),
            "SSH Username with private key"),
        new Field(
            "releaseMarker",
            ReleaseMarker::credentialField,
            List.of(SSH_KEY, PASSWORD),
            "SSH Username with private key or Username with password"));
  }

  @ParameterizedTest
  @MethodSource("fields")
  void shouldAcceptEveryKindTheFieldUses(Field field) {
    for (Stored stored : field.accepted()) {
      FakeContext context = FakeContext.holding(stored);

      assertThat(field.check().apply(stored.id()).check(true, context))
          .as(stored.id())
          .isEqualTo(Check.ok());
    }
  }

  @ParameterizedTest
  @MethodSource("fields")
  void shouldRefuseOtherKindsNamingTheAcceptedOnes(Field field) {
    assertThat(field.refused()).isNotEmpty();
    for (Stored stored : field.refused()) {
      Check check = field.check().apply(stored.id()).check(true, FakeContext.holding(stored));

      assertThat(check.kind()).as(stored.id()).isEqualTo(Kind.ERROR);
      assertThat(check.message()).as(stored.id()).endsWith("it takes: " + field.names() + ".");
    }
  }

  @ParameterizedTest
  @MethodSource("fields")
  void shouldReportAnIdTheContextCannotUse(Field field) {
    FakeContext context = FakeContext.holding(SSH_KEY, PASSWORD, TEXT, FILE);

    assertThat(field.check().apply("deleted-key").check(true, context))
        .isEqualTo(Check.error(NOT_FOUND));
  }

  @ParameterizedTest
  @MethodSource("fields")
  void shouldOnlyWarnOfAnExpressionAndLookNothingUp(Field field) {
    FakeContext context = FakeContext.holding(SSH_KEY);

    Check check = field.check().apply("${DEPLOY_CREDENTIALS}").check(true, context);

    assertThat(check.kind()).isEqualTo(Kind.WARNING);
    assertThat(check.message()).startsWith("Cannot validate expression based credentials");
    assertThat(context.lookups).isZero();
  }

  @ParameterizedTest
  @MethodSource("fields")
  void shouldAnswerOkAndLookNothingUpWithoutPermission(Field field) {
    FakeContext context = FakeContext.holding(SSH_KEY, CERTIFICATE);

    for (String value : List.of("build-key", "client-cert", "deleted-key", "${X}", "")) {
      assertThat(field.check().apply(value).check(false, context)).as(value).isEqualTo(Check.ok());
    }
    assertThat(context.lookups).isZero();
  }

  @Test
  void shouldListAndCheckEachFieldWithTheSameKinds() {
    assertThat(ImageHost.credentialField("x").kind()).isSameAs(ImageHost.LOGINS);
    assertThat(CloudDefinition.credentialField("openstack", "x").kind())
        .isSameAs(CloudDefinition.ACCOUNTS);
    assertThat(TFunctionalRunner.credentialField("h", "x").kind())
        .isSameAs(TFunctionalRunner.LOGINS);
    assertThat(ReleaseMarker.credentialField("x").kind()).isSameAs(ReleaseMarker.LOGINS);
  }

  @Test
  void shouldRequireTheImageHostsLoginBeforeLookingUp() {
    FakeContext context = FakeContext.holding(SSH_KEY);

    assertThat(ImageHost.credentialField(" ").check(true, context))
        .isEqualTo(
            Check.error(
                "The image host needs its login: SSH Username with private key or Username with"
                    + " password."));
    assertThat(context.lookups).isZero();
  }

  @Test
  void shouldApplyTheCloudsOwnRuleBeforeLookingUp() {
    FakeContext context = FakeContext.holding(SSH_KEY);

    // a local cloud needs no account: the key left on it is not looked up, only reported unused
    Check unused = CloudDefinition.credentialField("local", "build-key").check(true, context);
    Check missing = CloudDefinition.credentialField("openstack", "").check(true, context);

    assertThat(unused.kind()).isEqualTo(Kind.WARNING);
    assertThat(unused.message()).contains("needs no credential");
    assertThat(missing.kind()).isEqualTo(Kind.WARNING);
    assertThat(missing.message()).contains("Secret file or Secret text");
    assertThat(CloudDefinition.credentialField("docker", "").check(true, context))
        .isEqualTo(Check.ok());
    assertThat(context.lookups).isZero();
  }

  @Test
  void shouldTieTheTestCredentialToAnExplicitHost() {
    FakeContext context = FakeContext.holding(SSH_KEY);

    Check missing = TFunctionalRunner.credentialField("${TEST_HOST}", "").check(true, context);
    Check unused = TFunctionalRunner.credentialField("", "build-key").check(true, context);

    assertThat(missing)
        .isEqualTo(Check.error("An explicit host needs its login: SSH Username with private key."));
    assertThat(unused.kind()).isEqualTo(Kind.WARNING);
    assertThat(TFunctionalRunner.credentialField("", "").check(true, context))
        .isEqualTo(Check.ok());
    assertThat(context.lookups).isZero();
  }

  @Test
  void shouldLetReleaseMarkerPushWithoutCredential() {
    FakeContext context = FakeContext.holding();

    assertThat(ReleaseMarker.credentialField("").check(true, context)).isEqualTo(Check.ok());
    assertThat(context.lookups).isZero();
  }

  @Test
  void shouldLookUpTheIdAsStored() {
    // ids are kept as typed; a build looks up exactly that id, so the check does too
    FakeContext context = FakeContext.holding(SSH_KEY);

    assertThat(ReleaseMarker.credentialField(" build-key").check(true, context))
        .isEqualTo(Check.error(NOT_FOUND));
  }

  /**
   * What {@code CredentialsProvider.listCredentialsInItem(..., allOf(withId(id), kind))} answers:
   * whether the context can use a credential with that id that the matcher accepts. Counts the
   * look-ups.
   */
  static final class FakeContext implements CredentialField.Lookup {
    private final Map<String, Credentials> byId = new HashMap<>();
    int lookups;

    static FakeContext holding(Stored... stored) {
      FakeContext context = new FakeContext();
      for (Stored s : stored) {
        context.byId.put(s.id(), s.credentials());
      }
      return context;
    }

    @Override
    public boolean canUse(String id, CredentialsMatcher kind) {
      lookups++;
      Credentials found = byId.get(id);
      return found != null && (kind == null || kind.matches(found));
    }
  }

  private static AssertionError secretRead() {
    return new AssertionError("a form check must not read a secret");
  }

  record SshKey() implements SSHUserPrivateKey {
    @Override
    public String getUsername() {
      return "centos";
    }

    @Override
    public Secret getPassphrase() {
      throw secretRead();
    }

    @Override
    public List<String> getPrivateKeys() {
      throw secretRead();
    }
  }

  record UserPassword() implements StandardUsernamePasswordCredentials {
    @Override
    public String getUsername() {
      return "images";
    }

    @Override
    public Secret getPassword() {
      throw secretRead();
    }
  }

  record SecretText() implements StringCredentials {
    @Override
    public Secret getSecret() {
      throw secretRead();
    }
  }

  record SecretFile() implements FileCredentials {
    @Override
    public String getFileName() {
      return "openrc.sh";
    }

    @Override
    public InputStream getContent() {
      throw secretRead();
    }
  }

  /** A kind no field takes (a certificate, say). */
  record OtherKind() implements StandardCredentials {}
}
