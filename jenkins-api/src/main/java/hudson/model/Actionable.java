package hudson.model;

import java.util.List;
import jenkins.model.ModelObjectWithContextMenu;

public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {
  public <T extends Action> List<T> getActions(Class<T> type) {
    throw new UnsupportedOperationException();
  }

  public void addAction(Action a) {
    throw new UnsupportedOperationException();
  }
}
