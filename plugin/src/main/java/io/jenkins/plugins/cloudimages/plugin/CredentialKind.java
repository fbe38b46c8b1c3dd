package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The kinds of credential one kind of field can use. A field's list and its check both ask the same
 * constant, so that the check never accepts what the list would not offer.
 */
enum CredentialKind implements CredentialsMatcher {
  SSH_KEY(SSHUserPrivateKey.class),
  SSH_KEY_OR_PASSWORD(SSHUserPrivateKey.class, StandardUsernamePasswordCredentials.class),
  /** Text: a cloud's account is what the CLI's credentials file holds. */
  SECRET_FILE_OR_TEXT(FileCredentials.class, StringCredentials.class);

  /** The display names of the credential implementations Jenkins users create of each type. */
  private static final Map<Class<?>, String> NAMES =
      Map.of(
          SSHUserPrivateKey.class, "SSH Username with private key",
          StandardUsernamePasswordCredentials.class, "Username with password",
          FileCredentials.class, "Secret file",
          StringCredentials.class, "Secret text");

  private final Class<?>[] types;

  CredentialKind(Class<?>... types) {
    this.types = types;
  }

  @Override
  public boolean matches(Credentials item) {
    return Stream.of(types).anyMatch(type -> type.isInstance(item));
  }

  /** The accepted kinds as Jenkins' credential pages name them. */
  List<String> displayNames() {
    return Stream.of(types).map(NAMES::get).toList();
  }

  /** E.g. "Secret file or Secret text". */
  String names() {
    List<String> names = displayNames();
    int last = names.size() - 1;
    return last == 0
        ? names.get(0)
        : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
  }
}
