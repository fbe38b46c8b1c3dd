package io.jenkins.plugins.cloudimages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.cloudimages.publish.ImageNames;
import io.jenkins.plugins.cloudimages.publish.ImagePublisher;
import io.jenkins.plugins.cloudimages.publish.PublishException;
import io.jenkins.plugins.cloudimages.publish.PublishSettings;
import io.jenkins.plugins.cloudimages.publish.PublishedFile;
import io.jenkins.plugins.cloudimages.publish.SftpImagePublisher;
import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cloudimg publish}: puts image files on the image host over SFTP. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes image files into a folder of the image host over SFTP, each with its entry in the"
          + " folder's sha256sum.txt.",
      "A file is uploaded under a hidden temporary name and appears under its own name only when"
          + " complete; a published name is never overwritten (exit 1)."
    })
final class PublishCommand implements Callable<Integer> {

  @Option(names = "--host", required = true, description = "Image host name or address.")
  String host;

  @Option(
      names = "--port",
      defaultValue = "22",
      description = "SSH port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--user", required = true, description = "Login on the image host.")
  String user;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Credentials credentials;

  static final class Credentials {
    @Option(names = "--identity", paramLabel = "KEY", description = "Private key file.")
    Path identity;

    @Option(
        names = "--password-env",
        paramLabel = "VAR",
        description = "Environment variable holding the password.")
    String passwordEnv;
  }

  @Option(
      names = "--known-hosts",
      required = true,
      paramLabel = "FILE",
      description = "known_hosts file with the host's pinned key (no key is accepted unseen).")
  Path knownHosts;

  @Option(
      names = "--dest",
      required = true,
      paramLabel = "DIR",
      description = "Folder the files land in, e.g. /srv/centos/9/images (created when missing).")
  String dest;

  @Option(
      names = "--alias",
      description =
          "Point the unversioned alias (CentOS-<rel>-<arch>-<variant>.<format>) at each image.")
  boolean alias;

  @Option(
      names = "--verify-remote",
      description = "Also run sha256sum on the host and compare (reads the file again there).")
  boolean verifyRemote;

  @Option(
      names = "--requests",
      defaultValue = "" + PublishSettings.DEFAULT_REQUESTS_IN_FLIGHT,
      description = "SFTP write requests in flight (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--format", defaultValue = "text", description = "text or json.")
  OutputFormat format;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files to publish.")
  List<Path> files;

  @CommandLine.Mixin ProgressOption progressOption;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  enum OutputFormat {
    text,
    json
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    String usageProblem = usageProblem();
    if (usageProblem != null) {
      return report(List.of(), Cloudimg.USAGE, "usage", usageProblem);
    }
    SshTarget target;
    try {
      target = target();
    } catch (IllegalArgumentException e) {
      return report(List.of(), Cloudimg.USAGE, "usage", e.getMessage());
    }
    PublishSettings settings =
        PublishSettings.to(dest)
            .withAlias(alias)
            .withRemoteDigest(verifyRemote)
            .withRequestsInFlight(requests);
    List<PublishedFile> published = new ArrayList<>();
    StderrProgress progress = progressOption.on(err, "cloudimg publish");
    try (ImagePublisher publisher = new SftpImagePublisher(target, settings)) {
      for (Path file : files) {
        published.add(publisher.publish(file, progress));
      }
    } catch (PublishException e) {
      return report(published, Cloudimg.FAILED, e.reason().name(), e.getMessage());
    } catch (SshException e) {
      return report(published, Cloudimg.USAGE, "SSH", e.getMessage());
    } catch (IOException e) {
      return report(published, Cloudimg.USAGE, "LOCAL_FILE", e.getMessage());
    }
    return report(published, Cloudimg.OK, null, null);
  }

  private String usageProblem() {
    for (Path file : files) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        return file + " is not a readable file";
      }
      if (alias && ImageNames.aliasOf(file.getFileName().toString()).isEmpty()) {
        return "--alias needs versioned image names like"
            + " CentOS-9-x86_64-GenericCloud-251125_01.qcow2, not "
            + file.getFileName();
      }
    }
    if (!Files.isReadable(knownHosts)) {
      return "known_hosts file " + knownHosts + " cannot be read";
    }
    return null;
  }

  private SshTarget target() {
    if (credentials.identity != null) {
      return SshTarget.withKey(host, port, user, credentials.identity, knownHosts);
    }
    String password = System.getenv(credentials.passwordEnv);
    if (password == null) {
      throw new IllegalArgumentException(
          "environment variable " + credentials.passwordEnv + " (--password-env) is not set");
    }
    return new SshTarget(host, port, user, null, password.toCharArray(), knownHosts, null);
  }

  private int report(List<PublishedFile> published, int exitCode, String reason, String error)
      throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (error != null) {
      spec.commandLine().getErr().println("cloudimg publish: error: " + error);
    }
    if (format == OutputFormat.json) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("host", host + ":" + port);
      document.put("published", published.stream().map(PublishCommand::entry).toList());
      document.put("ok", exitCode == Cloudimg.OK);
      if (error != null) {
        document.put("error", Map.of("reason", reason, "message", error));
      }
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(document));
    } else {
      for (PublishedFile file : published) {
        out.println(
            file.remotePath()
                + "  "
                + file.size()
                + " bytes  sha256 "
                + file.sha256()
                + (file.alias() == null ? "" : "  (alias " + file.alias() + ")"));
      }
    }
    out.flush();
    return exitCode;
  }

  private static Map<String, Object> entry(PublishedFile file) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", file.name());
    entry.put("remotePath", file.remotePath());
    entry.put("size", file.size());
    entry.put("sha256", file.sha256());
    entry.put("remoteDigestVerified", file.remoteDigestVerified());
    entry.put("alias", file.alias());
    entry.put("reconnects", file.reconnects());
    return entry;
  }
}
