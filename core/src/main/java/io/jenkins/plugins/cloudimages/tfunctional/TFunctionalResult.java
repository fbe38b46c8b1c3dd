package io.jenkins.plugins.cloudimages.tfunctional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a t_functional run.
 *
 * @param mode how the suite ran
 * @param target where it ran (e.g. {@code root@10.0.0.5:22})
 * @param suite where the suite came from
 * @param release the release the skip lists were applied for ("" when unknown)
 * @param cases one result per planned file, in run order
 * @param passed the verdict: every selected file passed (per-file mode), or runtests.sh printed
 *     {@code QA t_functional tests finished.} and exited 0 (runtests mode)
 * @param problem why the run as a whole did not pass, or null
 * @param connectionLost whether the connection to the instance dropped during the run
 * @param started when the run started
 * @param time how long it took, fetching included
 * @param runnerOutput output that belongs to no single file (bounded)
 */
public record TFunctionalResult(
    TFunctionalConfig.Mode mode,
    String target,
    String suite,
    String release,
    List<TestCaseResult> cases,
    boolean passed,
    String problem,
    boolean connectionLost,
    Instant started,
    Duration time,
    String runnerOutput) {

  public TFunctionalResult {
    cases = List.copyOf(cases);
  }

  public TFunctionalSummary summary() {
    return TFunctionalSummary.of(cases, time);
  }
}
