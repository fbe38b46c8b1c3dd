package jenkins.model.lazy;

import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;

public abstract class LazyBuildMixIn<
    JobT extends Job<JobT, RunT> & Queue.Task & LazyBuildMixIn.LazyLoadingJob<JobT, RunT>,
    RunT extends Run<JobT, RunT> & LazyBuildMixIn.LazyLoadingRun<JobT, RunT>> {
  protected LazyBuildMixIn() {
    throw new UnsupportedOperationException();
  }

  public interface LazyLoadingJob<
      JobT extends Job<JobT, RunT> & Queue.Task & LazyBuildMixIn.LazyLoadingJob<JobT, RunT>,
      RunT extends Run<JobT, RunT> & LazyLoadingRun<JobT, RunT>> {}

  public interface LazyLoadingRun<
      JobT extends Job<JobT, RunT> & Queue.Task & LazyBuildMixIn.LazyLoadingJob<JobT, RunT>,
      RunT extends Run<JobT, RunT> & LazyLoadingRun<JobT, RunT>> {}
}
