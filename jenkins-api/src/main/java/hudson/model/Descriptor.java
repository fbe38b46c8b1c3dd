package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
  protected Descriptor() {
    throw new UnsupportedOperationException();
  }

  public String getDisplayName() {
    throw new UnsupportedOperationException();
  }

  public synchronized void save() {
    throw new UnsupportedOperationException();
  }

  public synchronized void load() {
    throw new UnsupportedOperationException();
  }
}
