package io.jenkins.plugins.cloudimages.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspacePathsTest {
  @ParameterizedTest
  @CsvSource({
    "out/x.qcow2, out/x.qcow2",
    "/ws/job/out/x.qcow2, out/x.qcow2",
    "./out/../out/x.qcow2, out/x.qcow2"
  })
  void shouldAcceptPathsInsideTheWorkspace(String reported, String expected) {
    assertThat(WorkspacePaths.inside("/ws/job", reported)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"../x", "/etc/passwd", "/ws/job2/x", "out/../../x", "/ws/job", ".", "", "a\0b"})
  void shouldRefusePathsLeavingTheWorkspace(String reported) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WorkspacePaths.inside("/ws/job", reported));
  }
}
