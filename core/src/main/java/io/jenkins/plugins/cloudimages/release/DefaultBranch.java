package io.jenkins.plugins.cloudimages.release;

import java.util.List;

/** Which branch of a remote releases go to when none is given: the one its HEAD names. */
public final class DefaultBranch {
  private DefaultBranch() {}

  /**
   * The branch {@code headTarget} names ({@code refs/heads/<branch>}, as a symbolic HEAD reads)
   * when the remote has it; otherwise (HEAD names a branch never pushed, e.g. "master" in a
   * repository pushed as "main") the only branch, else main, else master.
   *
   * @param headTarget what the remote's HEAD points at, or null when it is not symbolic
   * @param heads the remote's branch names, without {@code refs/heads/}
   */
  public static String of(String headTarget, List<String> heads) throws GitException {
    if (headTarget != null && headTarget.startsWith("refs/heads/")) {
      String branch = headTarget.substring("refs/heads/".length());
      if (heads.contains(branch)) {
        return branch;
      }
    }
    if (heads.size() == 1) {
      return heads.get(0);
    }
    for (String usual : List.of("main", "master")) {
      if (heads.contains(usual)) {
        return usual;
      }
    }
    throw new GitException(
        heads.isEmpty()
            ? "the remote repository has no branch yet"
            : "the remote repository has no default branch (HEAD); give the branch, one of "
                + heads);
  }
}
