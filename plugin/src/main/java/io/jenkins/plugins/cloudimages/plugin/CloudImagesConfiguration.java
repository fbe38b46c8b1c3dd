package io.jenkins.plugins.cloudimages.plugin;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.jenkins.plugins.cloudimages.plugin.rules.FieldRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins &gt; System &gt; Cloud images, and {@code unclassified: cloudImages:} in
 * configuration as code: where kickstarts may install from, where images are published, which
 * clouds test them and which t_functional suite runs.
 */
@Extension
@Symbol("cloudImages")
public final class CloudImagesConfiguration extends GlobalConfiguration {
  private String allowedMirrorHosts = "";
  private List<MirrorMapping> mirrors = new ArrayList<>();
  private List<ImageHost> imageHosts = new ArrayList<>();
  private List<CloudDefinition> clouds = new ArrayList<>();
  private String suiteUrl = "https://github.com/CentOS/sig-core-t_functional.git";
  private String suiteRef = "master";
  private int testTimeoutMinutes = 10;

  public CloudImagesConfiguration() {
    load();
  }

  public static CloudImagesConfiguration get() {
    return ExtensionList.lookupSingleton(CloudImagesConfiguration.class);
  }

  public String getAllowedMirrorHosts() {
    return allowedMirrorHosts;
  }

  @DataBoundSetter
  public void setAllowedMirrorHosts(String allowedMirrorHosts) {
    this.allowedMirrorHosts = allowedMirrorHosts == null ? "" : allowedMirrorHosts;
    save();
  }

  /** The allowed hosts, one per line, comments and blanks dropped. */
  public List<String> allowedHostList() {
    return allowedMirrorHosts
        .lines()
        .map(l -> l.replaceFirst("#.*", "").strip())
        .filter(l -> !l.isEmpty())
        .toList();
  }

  public List<MirrorMapping> getMirrors() {
    return List.copyOf(mirrors);
  }

  @DataBoundSetter
  public void setMirrors(List<MirrorMapping> mirrors) {
    this.mirrors = editableCopy(mirrors);
    save();
  }

  /** The mirror map in order, for the engine. */
  public Map<String, String> mirrorMap() {
    Map<String, String> map = new LinkedHashMap<>();
    mirrors.forEach(m -> map.put(m.getFrom(), m.getTo()));
    return map;
  }

  public List<ImageHost> getImageHosts() {
    return List.copyOf(imageHosts);
  }

  @DataBoundSetter
  public void setImageHosts(List<ImageHost> imageHosts) {
    this.imageHosts = editableCopy(imageHosts);
    save();
  }

  public Optional<ImageHost> imageHost(String name) {
    return imageHosts.stream().filter(h -> h.getName().equals(name)).findFirst();
  }

  public List<CloudDefinition> getClouds() {
    return List.copyOf(clouds);
  }

  @DataBoundSetter
  public void setClouds(List<CloudDefinition> clouds) {
    this.clouds = editableCopy(clouds);
    save();
  }

  public Optional<CloudDefinition> cloud(String name) {
    return clouds.stream().filter(c -> c.getName().equals(name)).findFirst();
  }

  public String getSuiteUrl() {
    return suiteUrl;
  }

  @DataBoundSetter
  public void setSuiteUrl(String suiteUrl) {
    this.suiteUrl = suiteUrl == null ? "" : suiteUrl.strip();
    save();
  }

  public String getSuiteRef() {
    return suiteRef;
  }

  @DataBoundSetter
  public void setSuiteRef(String suiteRef) {
    this.suiteRef = suiteRef == null || suiteRef.isBlank() ? "master" : suiteRef.strip();
    save();
  }

  public int getTestTimeoutMinutes() {
    return testTimeoutMinutes;
  }

  @DataBoundSetter
  public void setTestTimeoutMinutes(int testTimeoutMinutes) {
    this.testTimeoutMinutes = testTimeoutMinutes;
    save();
  }

  /**
   * Empties the lists first: a list whose last entry was deleted in the form is absent from the
   * submitted JSON, and binding alone would keep the old entries.
   */
  @Override
  public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
    mirrors = new ArrayList<>();
    imageHosts = new ArrayList<>();
    clouds = new ArrayList<>();
    req.bindJSON(this, json);
    save();
    return true;
  }

  /**
   * The stored lists stay ArrayLists (XStream writes them as such); null, as from CasC, is none.
   */
  private static <T> List<T> editableCopy(List<T> list) {
    return list == null ? new ArrayList<>() : new ArrayList<>(list);
  }

  @POST
  public FormValidation doCheckAllowedMirrorHosts(@QueryParameter String value) {
    return Forms.check(null, () -> FieldRules.hostList(value));
  }

  @POST
  public FormValidation doCheckSuiteUrl(@QueryParameter String value) {
    return Forms.check(null, () -> FieldRules.url(value, true, "https", "http", "git", "file"));
  }

  @POST
  public FormValidation doCheckTestTimeoutMinutes(@QueryParameter int value) {
    return Forms.check(null, () -> FieldRules.timeoutMinutes(value));
  }
}
