package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
  protected Descriptor() {
    throw new UnsupportedOperationException();
  }

  public String getDisplayName() {
    throw new UnsupportedOperationException();
  }

  public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
    throw new UnsupportedOperationException();
  }

  public synchronized void save() {
    throw new UnsupportedOperationException();
  }

  public synchronized void load() {
    throw new UnsupportedOperationException();
  }

  public static final class FormException extends Exception implements HttpResponse {
    private FormException() {
      throw new UnsupportedOperationException();
    }
  }
}
