package jenkins.model;

import hudson.model.BuildableItem;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import jenkins.triggers.TriggeredItem;

public abstract class ParameterizedJobMixIn<
    JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
    RunT extends Run<JobT, RunT> & Queue.Executable> {

  public interface ParameterizedJob<
          JobT extends
              Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
          RunT extends Run<JobT, RunT> & Queue.Executable>
      extends BuildableItem, TriggeredItem {}
}
