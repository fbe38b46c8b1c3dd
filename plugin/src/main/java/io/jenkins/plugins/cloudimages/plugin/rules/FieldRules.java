package io.jenkins.plugins.cloudimages.plugin.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What the forms accept, field by field. Jenkins-free so that it is tested without Jenkins. */
public final class FieldRules {
  /** The architectures agents are labelled with. */
  public static final List<String> ARCHES = List.of("i386", "x86_64", "aarch64", "ppc64le");

  /** The image builders of the engine. */
  public static final List<String> BACKENDS =
      List.of("installroot", "virt-install", "livemedia-creator");

  private static final Pattern HOST =
      Pattern.compile(
          "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  /** The clouds on the machine itself, which need no account. */
  public static final Set<String> ACCOUNTLESS_CLOUDS = Set.of("local", "docker");

  private static final Pattern ENV_REFERENCE = Pattern.compile(".*\\$\\{?[A-Za-z_][A-Za-z0-9_]*.*");

  private FieldRules() {}

  /** A kickstart path relative to the workspace, named by the SIG convention. */
  public static Check kickstart(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return Check.error("The kickstart file is required (a path inside the workspace).");
    }
    if (ENV_REFERENCE.matcher(v).matches()) {
      return Check.ok();
    }
    if (v.startsWith("/") || v.contains("\\")) {
      return Check.error("Give the kickstart as a path relative to the workspace: " + v);
    }
    if (List.of(v.split("/")).contains("..")) {
      return Check.error("The kickstart path must stay inside the workspace: " + v);
    }
    if (!v.endsWith(".ks")) {
      return Check.error("A kickstart file ends with .ks: " + v);
    }
    if (KickstartName.of(v).isEmpty()) {
      return Check.warning(
          "Not named CentOS-<release>-<arch>-<variant>.ks: release and arch must then be given.");
    }
    return Check.ok();
  }

  /** An arch, or empty for "the arch in the kickstart's name". */
  public static Check arch(String value, String kickstart) {
    String v = trim(value);
    if (v.isEmpty()) {
      return KickstartName.of(trim(kickstart)).isPresent() || trim(kickstart).isEmpty()
          ? Check.ok()
          : Check.error("The kickstart's name carries no arch: choose one of " + ARCHES + ".");
    }
    if (!ARCHES.contains(v)) {
      return Check.error("Unknown arch " + v + ": one of " + ARCHES + ".");
    }
    return KickstartName.of(trim(kickstart))
        .filter(name -> !name.arch().equals(v))
        .map(name -> Check.error("The kickstart is for " + name.arch() + ", not " + v + "."))
        .orElse(Check.ok());
  }

  public static Check backend(String value) {
    String v = trim(value);
    return v.isEmpty() || BACKENDS.contains(v)
        ? Check.ok()
        : Check.error("Unknown builder " + v + ": one of " + BACKENDS + ".");
  }

  /** A host name or IPv4 address, without scheme, port or path. */
  public static Check host(String value, boolean required) {
    String v = trim(value);
    if (v.isEmpty()) {
      return required ? Check.error("A host name is required.") : Check.ok();
    }
    if (v.contains("://") || v.contains("/") || v.contains(":")) {
      return Check.error("Give only the host name, without scheme, port or path: " + v);
    }
    if (IPV4.matcher(v).matches() || HOST.matcher(v).matches()) {
      return Check.ok();
    }
    return Check.error("Not a host name: " + v);
  }

  /** Several host names, one a line (blank lines and # comments allowed). */
  public static Check hostList(String value) {
    for (String line : trim(value).split("\\R")) {
      String host = line.replaceFirst("#.*", "").strip();
      Check check = host(host, false);
      if (check.isError()) {
        return check;
      }
    }
    return Check.ok();
  }

  public static Check port(int value) {
    return value >= 1 && value <= 65535
        ? Check.ok()
        : Check.error("A TCP port is between 1 and 65535, not " + value + ".");
  }

  /** A URL with one of the given schemes. */
  public static Check url(String value, boolean required, String... schemes) {
    String v = trim(value);
    if (v.isEmpty()) {
      return required ? Check.error("A URL is required.") : Check.ok();
    }
    if (ENV_REFERENCE.matcher(v).matches()) {
      return Check.ok();
    }
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!List.of(schemes).contains(scheme)) {
        return Check.error("Use a URL starting with " + String.join(":, ", schemes) + ": " + v);
      }
      if (!List.of("file", "unix").contains(scheme)
          && (uri.getHost() == null || uri.getHost().isEmpty())) {
        return Check.error("The URL names no host: " + v);
      }
      if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
        return Check.error("Keep passwords out of URLs; choose a credential instead.");
      }
      return Check.ok();
    } catch (URISyntaxException e) {
      return Check.error("Not a URL: " + e.getMessage());
    }
  }

  /** A git remote: a URL or scp-like {@code user@host:path}. */
  public static Check gitRemote(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return Check.error("The kickstart repository's remote is required.");
    }
    if (v.matches("[\\w.-]+@[\\w.-]+:.+")) {
      return Check.ok();
    }
    return url(v, true, "https", "http", "ssh", "git", "file");
  }

  /** A name that is also a key in the global configuration (cloud, image host). */
  public static Check name(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return Check.error("A name is required.");
    }
    return NAME.matcher(v).matches()
        ? Check.ok()
        : Check.error("Use letters, digits, '.', '_' and '-' (up to 63): " + v);
  }

  /** A reference to one of the configured names. */
  public static Check configured(String value, Collection<String> configured, String what) {
    String v = trim(value);
    if (v.isEmpty()) {
      return Check.error("Choose a " + what + ".");
    }
    if (ENV_REFERENCE.matcher(v).matches() || configured.contains(v)) {
      return Check.ok();
    }
    return configured.isEmpty()
        ? Check.error("No " + what + " is configured yet (Manage Jenkins > System > Cloud images).")
        : Check.error("No " + what + " named " + v + "; configured: " + configured + ".");
  }

  /** A driver option's key, as in the clouds file's {@code options} object. */
  public static Check optionKey(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return Check.error("An option needs a key (e.g. region).");
    }
    return v.matches("[A-Za-z][\\w.-]*")
        ? Check.ok()
        : Check.error("Use letters, digits, '.', '_' and '-', starting with a letter: " + v);
  }

  /**
   * A cloud's credential: the clouds that run here (local, docker) need none, every other one needs
   * its account.
   */
  public static Check cloudCredentials(String type, String credentialsId) {
    boolean given = !trim(credentialsId).isEmpty();
    boolean needed = !ACCOUNTLESS_CLOUDS.contains(trim(type));
    if (needed && !given) {
      return Check.warning(
          "A "
              + trim(type)
              + " cloud needs its account: a Secret file or Secret text with what the"
              + " CLI's credentials file holds.");
    }
    if (!needed && given) {
      return Check.warning("A " + trim(type) + " cloud needs no credential; it is not used.");
    }
    return Check.ok();
  }

  /**
   * An image host's login: publishing always logs in.
   *
   * @param accepted the kinds of credential the field can use
   */
  public static Check imageHostCredentials(String credentialsId, String accepted) {
    return trim(credentialsId).isEmpty()
        ? Check.error("The image host needs its login: " + accepted + ".")
        : Check.ok();
  }

  /**
   * tFunctional's credential: an explicit host needs one, the instance of the enclosing cloudDeploy
   * is reached with its own per-build key.
   *
   * @param accepted the kinds of credential the field can use
   */
  public static Check testHostCredentials(String host, String credentialsId, String accepted) {
    boolean explicitHost = !trim(host).isEmpty();
    boolean given = !trim(credentialsId).isEmpty();
    if (explicitHost && !given) {
      return Check.error("An explicit host needs its login: " + accepted + ".");
    }
    if (!explicitHost && given) {
      return Check.warning(
          "Without an explicit host this credential is not used: the instance of cloudDeploy is"
              + " reached with its own key.");
    }
    return Check.ok();
  }

  /** A mirror mapping {@code FROM=TO}: both URL prefixes. */
  public static Check mirrorPrefix(String value) {
    return url(value, true, "http", "https", "file", "ftp");
  }

  public static Check timeoutMinutes(int value) {
    return value >= 1 && value <= 24 * 60
        ? Check.ok()
        : Check.error("Give a time between 1 and 1440 minutes, not " + value + ".");
  }

  /** An absolute folder on the image host. */
  public static Check remoteFolder(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return Check.error("The folder on the image host is required.");
    }
    if (!v.startsWith("/") || List.of(v.split("/")).contains("..")) {
      return Check.error("Give an absolute folder without '..': " + v);
    }
    return Check.ok();
  }

  /** A path inside the kickstart repository (metadata file). */
  public static Check repositoryPath(String value, boolean required) {
    String v = trim(value);
    if (v.isEmpty()) {
      return required ? Check.error("A path inside the repository is required.") : Check.ok();
    }
    if (v.startsWith("/") || List.of(v.split("/")).contains("..")) {
      return Check.error("Give a path inside the repository: " + v);
    }
    return Check.ok();
  }

  /** Test folders of the suite, comma separated: {@code 0_common,p_bash}. */
  public static Check testSelection(String value) {
    for (String part : trim(value).split(",")) {
      String dir = part.strip();
      if (!dir.isEmpty() && !dir.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")) {
        return Check.error("Not a test folder of the suite: " + dir);
      }
      if (List.of(dir.split("/")).contains("..")) {
        return Check.error("Test folders stay inside the suite: " + dir);
      }
    }
    return Check.ok();
  }

  static String trim(String value) {
    return value == null ? "" : value.strip();
  }
}
