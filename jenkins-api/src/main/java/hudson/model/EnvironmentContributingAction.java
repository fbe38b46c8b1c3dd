package hudson.model;

import hudson.EnvVars;

public interface EnvironmentContributingAction extends Action {
  default void buildEnvironment(Run<?, ?> run, EnvVars env) {
    throw new UnsupportedOperationException();
  }
}
