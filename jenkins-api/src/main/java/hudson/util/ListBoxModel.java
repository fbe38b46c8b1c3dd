package hudson.util;

import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
  public ListBoxModel() {
    throw new UnsupportedOperationException();
  }

  public void add(String displayName, String value) {
    throw new UnsupportedOperationException();
  }

  public static final class Option {
    private Option() {
      throw new UnsupportedOperationException();
    }
  }
}
