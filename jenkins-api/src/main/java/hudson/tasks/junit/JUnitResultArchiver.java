package hudson.tasks.junit;

import hudson.tasks.Recorder;
import jenkins.tasks.SimpleBuildStep;

public class JUnitResultArchiver extends Recorder implements SimpleBuildStep, JUnitTask {
  public JUnitResultArchiver(String testResults) {
    throw new UnsupportedOperationException();
  }

  public final void setAllowEmptyResults(boolean allowEmptyResults) {
    throw new UnsupportedOperationException();
  }
}
