package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
  private Secret() {
    throw new UnsupportedOperationException();
  }

  public String getPlainText() {
    throw new UnsupportedOperationException();
  }
}
