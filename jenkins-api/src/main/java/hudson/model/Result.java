package hudson.model;

import java.io.Serializable;
import org.kohsuke.stapler.export.CustomExportedBean;

public final class Result implements Serializable, CustomExportedBean {
  public static final Result UNSTABLE = null;

  private Result() {
    throw new UnsupportedOperationException();
  }
}
