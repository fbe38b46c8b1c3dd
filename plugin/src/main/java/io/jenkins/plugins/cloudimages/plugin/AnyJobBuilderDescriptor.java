package io.jenkins.plugins.cloudimages.plugin;

import hudson.model.AbstractProject;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;

/** The descriptor of a build step that fits every kind of job (freestyle and Pipeline alike). */
public abstract class AnyJobBuilderDescriptor extends BuildStepDescriptor<Builder> {
  @Override
  @SuppressWarnings("rawtypes")
  public final boolean isApplicable(Class<? extends AbstractProject> jobType) {
    return true;
  }
}
