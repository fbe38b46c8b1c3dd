package io.jenkins.plugins.cloudimages.plugin;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.cloudimages.plugin.rules.ImageInfo;
import io.jenkins.plugins.cloudimages.plugin.rules.ReleaseGate;
import io.jenkins.plugins.cloudimages.plugin.rules.StepEnvironment;
import java.util.ArrayList;
import java.util.List;

/**
 * One image on the build page: its name, formats, checksum and URL, where it was tested with what
 * result, and whether it was released. Also exports {@code CLOUDIMG_IMAGE_*} to later steps.
 * Persisted by XStream, so it holds plain strings only.
 */
public final class ImageAction implements EnvironmentContributingAction {
  private final String name;
  private final String file;
  private final List<String> formats;
  private final String sha256;
  private final String url;
  private final String metadataPath;
  private final List<Tested> tests = new ArrayList<>();
  private String releaseCommit;

  ImageAction(ImageInfo image) {
    this.name = image.name();
    this.file = image.file();
    this.formats = new ArrayList<>(image.formats());
    this.sha256 = image.sha256();
    this.url = image.url();
    this.metadataPath = image.metadataPath();
  }

  /** The action of {@code image} in {@code run}, or null. */
  static ImageAction of(Run<?, ?> run, String image) {
    for (ImageAction action : run.getActions(ImageAction.class)) {
      if (action.name.equals(image)) {
        return action;
      }
    }
    return null;
  }

  /** One t_functional run of this image. */
  public static final class Tested {
    private final String cloud;
    private final boolean passed;
    private final String summary;
    private final String report;

    Tested(String cloud, boolean passed, String summary, String report) {
      this.cloud = cloud;
      this.passed = passed;
      this.summary = summary;
      this.report = report;
    }

    public String getCloud() {
      return cloud;
    }

    public boolean isPassed() {
      return passed;
    }

    public String getSummary() {
      return summary;
    }

    public String getReport() {
      return report;
    }
  }

  synchronized void addTest(String cloud, boolean passed, String summary, String report) {
    tests.add(new Tested(cloud, passed, summary, report));
  }

  synchronized List<ReleaseGate.TestRun> testRuns() {
    return tests.stream()
        .map(t -> new ReleaseGate.TestRun(t.cloud, name, t.passed, t.report))
        .toList();
  }

  synchronized void released(String commit) {
    this.releaseCommit = commit;
  }

  ImageInfo image() {
    return new ImageInfo(name, file, formats, sha256, url, metadataPath);
  }

  public String getName() {
    return name;
  }

  public List<String> getFormats() {
    return List.copyOf(formats);
  }

  public String getSha256() {
    return sha256;
  }

  public String getUrl() {
    return url;
  }

  public String getMetadataPath() {
    return metadataPath;
  }

  public synchronized List<Tested> getTests() {
    return List.copyOf(tests);
  }

  public synchronized String getReleaseCommit() {
    return releaseCommit;
  }

  public synchronized boolean isReleased() {
    return releaseCommit != null;
  }

  @Override
  public void buildEnvironment(Run<?, ?> run, EnvVars env) {
    env.putAll(StepEnvironment.of(image()));
  }

  @Override
  public String getIconFileName() {
    return "symbol-cloud";
  }

  @Override
  public String getDisplayName() {
    return "Image " + name;
  }

  @Override
  public String getUrlName() {
    return "cloud-image-" + name;
  }
}
