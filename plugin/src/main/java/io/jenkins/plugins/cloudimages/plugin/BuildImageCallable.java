package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.cloudimages.build.BuildException;
import io.jenkins.plugins.cloudimages.build.BuildRequest;
import io.jenkins.plugins.cloudimages.build.BuildResult;
import io.jenkins.plugins.cloudimages.build.ImageBuilder;
import io.jenkins.plugins.cloudimages.build.ImageIdentity;
import io.jenkins.plugins.cloudimages.build.InstallrootBuilder;
import io.jenkins.plugins.cloudimages.kickstart.ContentPolicy;
import io.jenkins.plugins.cloudimages.kickstart.KickstartParser;
import io.jenkins.plugins.cloudimages.kickstart.KickstartValidator;
import io.jenkins.plugins.cloudimages.kickstart.PolicyRule;
import io.jenkins.plugins.cloudimages.kickstart.Problem;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageRequest;
import io.jenkins.plugins.cloudimages.plugin.rules.KickstartName;
import io.jenkins.plugins.cloudimages.plugin.rules.Login;
import io.jenkins.plugins.cloudimages.plugin.rules.WorkspacePaths;
import io.jenkins.plugins.cloudimages.publish.PublishException;
import io.jenkins.plugins.cloudimages.publish.PublishSettings;
import io.jenkins.plugins.cloudimages.publish.PublishedFile;
import io.jenkins.plugins.cloudimages.publish.SftpImagePublisher;
import io.jenkins.plugins.cloudimages.ssh.SshException;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the agent: validates the kickstart (syntax of its release, metadata, content policy),
 * builds the image with the engine and publishes it over SFTP. The image never passes through the
 * controller.
 */
final class BuildImageCallable extends MasterToSlaveFileCallable<BuildImageCallable.Outcome> {
  private static final long serialVersionUID = 1L;

  private final ImageRequest request;
  private final Publication publication;
  private final TaskListener listener;

  BuildImageCallable(ImageRequest request, Publication publication, TaskListener listener) {
    this.request = request;
    this.publication = publication;
    this.listener = listener;
  }

  /** Where to publish: the image host of the global configuration, its login resolved. */
  record Publication(String host, int port, Login login, String knownHosts)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Either the validator's errors, or the image (file relative to the workspace). */
  record Outcome(
      List<String> problems, String imageFile, String sha256, List<String> formats, String url)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public Outcome invoke(File workspace, VirtualChannel channel)
      throws IOException, InterruptedException {
    Path root = workspace.toPath().toAbsolutePath();
    Path kickstart = root.resolve(WorkspacePaths.inside(root.toString(), request.kickstart()));
    if (!Files.isRegularFile(kickstart)) {
      throw new IOException("no kickstart at " + request.kickstart() + " in the workspace");
    }
    SyntaxVersion syntax =
        SyntaxVersion.parse(request.release())
            .orElseThrow(() -> new IOException("unknown release " + request.release()));
    log("validating " + request.kickstart() + " as " + syntax);
    KickstartValidator.Report report =
        new KickstartValidator(new KickstartValidator.Options(syntax, false, policy(), root))
            .validate(kickstart);
    List<String> errors = new ArrayList<>();
    for (Problem p : report.problems()) {
      String line = p.format().replace(root + "/", "");
      listener.getLogger().println(line);
      if (p.isError()) {
        errors.add(line);
      }
    }
    if (!report.valid()) {
      return new Outcome(errors, null, null, List.of(), null);
    }
    BuildResult built = build(root, kickstart, syntax);
    Path image = built.images().get(0);
    List<String> formats = built.images().stream().map(BuildImageCallable::formatOf).toList();
    String relative = WorkspacePaths.inside(root.toString(), image.toString());
    if (publication == null || request.publishFolder() == null) {
      return new Outcome(List.of(), relative, sha256(image), formats, null);
    }
    PublishedFile published = publish(root, image);
    String url = request.publicUrl() == null ? null : request.publicUrl() + "/" + published.name();
    return new Outcome(List.of(), relative, published.sha256(), formats, url);
  }

  private BuildResult build(Path root, Path kickstart, SyntaxVersion syntax)
      throws IOException, InterruptedException {
    ImageBuilder builder =
        switch (request.backend()) {
          case "installroot" -> new InstallrootBuilder();
          default -> throw EngineStages.missing(request.backend() + " build");
        };
    ImageIdentity identity =
        ImageIdentity.fromKickstartName(kickstart)
            .orElseGet(() -> new ImageIdentity(request.release(), request.arch(), "Custom"));
    var parsed = new KickstartParser(syntax, root).parse(kickstart);
    Path metadata = root.resolve(KickstartName.metadataPathOf(request.kickstart()));
    BuildRequest.Builder spec =
        BuildRequest.builder(parsed.kickstart(), identity, root.resolve(request.outputDir()))
            .mirrorMap(request.mirrorMap());
    if (Files.isRegularFile(metadata)) {
      spec.metadata(metadata);
    }
    log("building " + request.image() + " for " + request.arch() + " with " + builder.name());
    try {
      BuildResult result = builder.build(spec.build(), this::log);
      if (result.images().isEmpty()) {
        throw new IOException("the build produced no image file");
      }
      log((result.reused() ? "reused " : "built ") + result.name());
      return result;
    } catch (BuildException e) {
      throw new IOException("kickstartImage: " + e.getMessage(), e);
    }
  }

  private PublishedFile publish(Path root, Path image) throws IOException {
    Path secrets = AgentFiles.privateDir(root, "publish");
    try {
      Path knownHosts = AgentFiles.writeSecret(secrets, "known_hosts", publication.knownHosts());
      Login login = publication.login();
      SshTarget target =
          SshLogins.target(
                  publication.host(), publication.port(), login.user(), login, secrets, knownHosts)
              .orElseThrow(
                  () ->
                      new IOException(
                          "the image host needs an SSH key or a username with password"));
      log(
          "publishing "
              + image.getFileName()
              + " to "
              + publication.host()
              + ":"
              + request.publishFolder());
      try (SftpImagePublisher publisher =
          new SftpImagePublisher(
              target, PublishSettings.to(request.publishFolder()).withAlias(true))) {
        return publisher.publish(image, (name, done, total) -> {});
      }
    } catch (PublishException | SshException e) {
      throw new IOException("kickstartImage: publishing failed: " + e.getMessage(), e);
    } finally {
      AgentFiles.deleteTree(secrets);
    }
  }

  private ContentPolicy policy() {
    ContentPolicy policy = ContentPolicy.defaults();
    for (String host : request.allowedHosts()) {
      policy = policy.allowing(PolicyRule.parse(host));
    }
    return policy;
  }

  private void log(String line) {
    listener.getLogger().println("cloud-images: " + line);
  }

  static String formatOf(Path image) {
    String name = image.getFileName().toString().replaceFirst("\\.(xz|gz)$", "");
    return name.endsWith(".tar") ? "tar.xz" : name.substring(name.lastIndexOf('.') + 1);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
