package io.jenkins.plugins.cloudimages.pipeline;

import io.jenkins.plugins.cloudimages.build.Backends;
import io.jenkins.plugins.cloudimages.build.BuildException;
import io.jenkins.plugins.cloudimages.build.BuildRequest;
import io.jenkins.plugins.cloudimages.build.BuildResult;
import io.jenkins.plugins.cloudimages.build.ImageFormat;
import io.jenkins.plugins.cloudimages.build.ImageIdentity;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.Deployer;
import io.jenkins.plugins.cloudimages.deploy.Deployment;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.kickstart.ImageMetadata;
import io.jenkins.plugins.cloudimages.kickstart.KickstartParser;
import io.jenkins.plugins.cloudimages.kickstart.KickstartValidator;
import io.jenkins.plugins.cloudimages.kickstart.MetadataFiles;
import io.jenkins.plugins.cloudimages.kickstart.ParseResult;
import io.jenkins.plugins.cloudimages.kickstart.Problem;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import io.jenkins.plugins.cloudimages.publish.ImagePublisher;
import io.jenkins.plugins.cloudimages.publish.PublishException;
import io.jenkins.plugins.cloudimages.publish.PublishSettings;
import io.jenkins.plugins.cloudimages.publish.PublishedFile;
import io.jenkins.plugins.cloudimages.publish.SftpImagePublisher;
import io.jenkins.plugins.cloudimages.publish.UploadProgress;
import io.jenkins.plugins.cloudimages.release.CliGitRepository;
import io.jenkins.plugins.cloudimages.release.JUnitReport;
import io.jenkins.plugins.cloudimages.release.ReleaseMarker;
import io.jenkins.plugins.cloudimages.release.ReleaseOutcome;
import io.jenkins.plugins.cloudimages.release.ReleaseRequest;
import io.jenkins.plugins.cloudimages.tfunctional.JUnitXmlWriter;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalConfig;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalResult;
import io.jenkins.plugins.cloudimages.tfunctional.TFunctionalRunner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The stages on the real engine: validator, image builder, SFTP publisher, clouds, t_functional,
 * git.
 */
public final class EngineStages implements Stages {
  /** Formats a cloud can boot, best first. */
  private static final List<ImageFormat> BOOTABLE = List.of(ImageFormat.QCOW2, ImageFormat.RAW);

  private final PipelineSettings settings;
  private final Clock clock;

  public EngineStages(PipelineSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Validated validate(ImageToBuild image, Consumer<String> log) throws StageFailure {
    return validate(image, null, log);
  }

  /**
   * Validates under {@code syntax}, or the syntax the kickstart's name and metadata select when
   * null.
   *
   * @throws InvalidKickstart with every problem when the kickstart is not valid
   */
  public Validated validate(ImageToBuild image, SyntaxVersion syntax, Consumer<String> log)
      throws StageFailure {
    Path kickstart = settings.repository().resolve(image.kickstart());
    KickstartValidator validator =
        new KickstartValidator(
            new KickstartValidator.Options(
                syntax, false, settings.policy(), settings.repository()));
    try {
      KickstartValidator.Report report = validator.validate(kickstart);
      report.problems().forEach(problem -> log.accept(problem.format()));
      if (!report.valid()) {
        throw new InvalidKickstart(
            "the kickstart is not valid: "
                + report.problems().stream()
                    .filter(Problem::isError)
                    .findFirst()
                    .map(Problem::format)
                    .orElse(""),
            report.problems());
      }
      ImageMetadata metadata = metadata(kickstart);
      log.accept(
          "valid under " + report.syntax().version() + " (" + report.syntax().reason() + ")");
      return new Validated(
          image, kickstart, metadata, report.syntax().version(), metadata.clouds());
    } catch (IOException e) {
      throw new StageFailure("cannot read " + kickstart + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Built build(Validated image, Consumer<String> log) throws StageFailure {
    return build(image, null, log);
  }

  /**
   * Builds with the backend labelled {@code backend} (installroot, virt-install,
   * livemedia-creator), or the one the metadata names when null.
   */
  public Built build(Validated image, String backend, Consumer<String> log) throws StageFailure {
    ImageMetadata metadata = image.metadata();
    ParseResult parsed;
    try {
      parsed = new KickstartParser(image.syntax(), settings.repository()).parse(image.kickstart());
    } catch (IOException e) {
      throw new StageFailure("cannot read " + image.kickstart() + ": " + e.getMessage(), e);
    }
    ImageIdentity identity =
        new ImageIdentity(metadata.release(), image.image().arch(), metadata.variant());
    Path output = settings.output().resolve(image.image().image() + "-" + image.image().arch());
    BuildRequest.Builder request =
        BuildRequest.builder(parsed.kickstart(), identity, output)
            .workRoot(settings.work())
            .mirrorMap(settings.mirrorMap().asMap())
            .metadata(metadata.file())
            .publishedIndex(output);
    for (String format : metadata.formats().isEmpty() ? List.of("qcow2") : metadata.formats()) {
      request.format(ImageFormat.parse(format));
    }
    try {
      BuildResult result =
          Backends.get(backend != null ? backend : metadata.builder().label())
              .build(request.build(), log::accept);
      Path file = bootable(result);
      String sha256 = checksumOf(result, file);
      log.accept((result.reused() ? "reused " : "built ") + file + " sha256 " + sha256);
      return new Built(image, result.name(), file, sha256, result.reused());
    } catch (BuildException e) {
      throw new StageFailure(e.getMessage(), e);
    } catch (IOException e) {
      throw new StageFailure("build output unreadable: " + e.getMessage(), e);
    }
  }

  @Override
  public Published publish(Built image, Consumer<String> log) throws StageFailure {
    ImageMetadata metadata = image.source().metadata();
    String folder = settings.imageRoot() + "/" + metadata.release() + "/images";
    String url = settings.imageBaseUrl() + "/" + metadata.release() + "/images/";
    try (ImagePublisher publisher =
        new SftpImagePublisher(settings.imageHost(), PublishSettings.to(folder).withAlias(true))) {
      PublishedFile published = publisher.publish(image.file(), UploadProgress.NONE);
      if (!published.sha256().equals(image.sha256())) {
        throw new StageFailure(
            "published digest " + published.sha256() + " differs from the built " + image.sha256());
      }
      log.accept("published " + published.remotePath() + " as " + url + published.name());
      return new Published(image, url + published.name());
    } catch (PublishException e) {
      // A reused build is the very image an earlier run built from the same inputs and published.
      if (image.reused() && e.reason() == PublishException.Reason.NAME_EXISTS) {
        String name = image.file().getFileName().toString();
        log.accept("already published by an earlier run: " + url + name);
        return new Published(image, url + name);
      }
      throw new StageFailure("publishing failed: " + e.getMessage(), e);
    } catch (StageFailure e) {
      throw e;
    } catch (Exception e) {
      throw new StageFailure("publishing failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Tested deployAndTest(Published image, String cloud, Consumer<String> log)
      throws StageFailure {
    Supplier<CloudDriver> drivers = settings.clouds().get(cloud);
    if (drivers == null) {
      throw new StageFailure(
          "no cloud named " + cloud + " is configured (known: " + settings.clouds().keySet() + ")");
    }
    Built built = image.built();
    ImageMetadata metadata = built.source().metadata();
    Path junit = built.file().resolveSibling(built.name() + "-" + cloud + "-tfunctional.xml");
    ImageSource source =
        new ImageSource(
            built.name(),
            built.file(),
            URI.create(image.url()),
            format(built.file()),
            built.sha256());
    Deployer deployer =
        new Deployer(
            drivers.get(),
            new BuildIdentity(settings.owner(), settings.build()),
            settings.work(),
            clock,
            log);
    try (Deployment deployment = deployer.deploy(source, Deployer.Options.defaults())) {
      log.accept(
          "instance " + deployment.id() + " at " + deployment.host() + ":" + deployment.port());
      TFunctionalConfig config =
          TFunctionalConfig.of(settings.suite())
              .withRelease(metadata.release())
              .withTests(metadata.tfunctional().tests())
              .withBudget(
                  Optional.ofNullable(metadata.tfunctional().timeout())
                      .orElse(settings.testBudget()));
      TFunctionalResult result;
      result =
          new TFunctionalRunner(deployment.shell(), config, line -> log.accept(line.toString()))
              .run();
      JUnitXmlWriter.write(
          result,
          junit,
          Map.of(JUnitReport.SHA256_PROPERTY, built.sha256(), JUnitReport.CLOUD_PROPERTY, cloud));
      return new Tested(cloud, junit, result.passed(), result.summary().toString());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new StageFailure("deploy and test on " + cloud + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String release(Published image, List<Tested> tests, Consumer<String> log)
      throws StageFailure {
    Built built = image.built();
    try {
      CliGitRepository repository =
          CliGitRepository.open(settings.repository(), settings.gitCredentials());
      List<JUnitReport> reports = new java.util.ArrayList<>();
      for (Tested tested : tests) {
        reports.add(JUnitReport.read(tested.junit()));
      }
      String metadataPath =
          settings
              .repository()
              .relativize(built.source().metadata().file())
              .toString()
              .replace('\\', '/');
      ReleaseRequest request =
          new ReleaseRequest(
              built.name(),
              built.sha256(),
              image.url(),
              metadataPath,
              settings.branch(),
              reports,
              tests.stream().map(Tested::cloud).toList(),
              "",
              settings.author(),
              false,
              repository.resolve("HEAD").orElse(null),
              settings.build());
      ReleaseOutcome outcome =
          new ReleaseMarker(repository).log(log).release(request, settings.branch());
      if (!outcome.succeeded()) {
        throw new StageFailure("release refused: " + outcome.reason());
      }
      log.accept(outcome.status() + " " + outcome.commit());
      return outcome.commit();
    } catch (StageFailure e) {
      throw e;
    } catch (Exception e) {
      throw new StageFailure("release failed: " + e.getMessage(), e);
    }
  }

  private static ImageMetadata metadata(Path kickstart) throws StageFailure {
    MetadataFiles.Result read = MetadataFiles.read(MetadataFiles.besides(kickstart));
    if (read.hasErrors() || read.metadata().isEmpty()) {
      throw new StageFailure(
          "metadata beside "
              + kickstart
              + " is missing or invalid: "
              + read.problems().stream().map(Problem::format).findFirst().orElse("not found"));
    }
    return read.metadata().get();
  }

  private static Path bootable(BuildResult result) throws StageFailure {
    for (ImageFormat format : BOOTABLE) {
      for (Path file : result.images()) {
        if (file.getFileName().toString().endsWith("." + format.extension())) {
          return file;
        }
      }
    }
    throw new StageFailure(
        "the build made no image a cloud boots (qcow2 or raw): " + result.images());
  }

  private static String format(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** The digest the build wrote in its sha256sum.txt: the image is not read again. */
  private static String checksumOf(BuildResult result, Path file) throws IOException, StageFailure {
    Path sums = file.resolveSibling("sha256sum.txt");
    for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
      String[] fields = line.split("\\s+\\*?", 2);
      if (fields.length == 2 && fields[1].equals(file.getFileName().toString())) {
        return fields[0];
      }
    }
    throw new StageFailure(
        "no checksum for " + file.getFileName() + " in " + sums + " (" + result.name() + ")");
  }
}
