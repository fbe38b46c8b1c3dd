package io.jenkins.plugins.cloudimages.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultBranchTest {

  @Test
  void shouldTakeTheBranchHeadNames() throws GitException {
    assertThat(DefaultBranch.of("refs/heads/stable", List.of("main", "stable")))
        .isEqualTo("stable");
  }

  @Test
  void shouldTakeTheOnlyBranchWhenHeadNamesOneNeverPushed() throws GitException {
    assertThat(DefaultBranch.of("refs/heads/master", List.of("el9"))).isEqualTo("el9");
    assertThat(DefaultBranch.of(null, List.of("el9"))).isEqualTo("el9");
  }

  @Test
  void shouldPreferMainThenMasterAmongSeveral() throws GitException {
    assertThat(DefaultBranch.of(null, List.of("a", "master", "main"))).isEqualTo("main");
    assertThat(DefaultBranch.of("refs/heads/gone", List.of("a", "master"))).isEqualTo("master");
  }

  @Test
  void shouldNameTheBranchesWhenNoneIsTheDefault() {
    assertThatThrownBy(() -> DefaultBranch.of(null, List.of("a", "b")))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("[a, b]");
    assertThatThrownBy(() -> DefaultBranch.of(null, List.of()))
        .hasMessageContaining("no branch yet");
  }
}
