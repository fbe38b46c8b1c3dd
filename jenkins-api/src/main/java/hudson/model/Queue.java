package hudson.model;

import hudson.model.queue.SubTask;
import jenkins.console.WithConsoleUrl;

public class Queue extends ResourceController implements Saveable {
  private Queue() {
    throw new UnsupportedOperationException();
  }

  public interface Executable extends Runnable, WithConsoleUrl {}

  public interface Task extends ModelObject, SubTask {}
}
