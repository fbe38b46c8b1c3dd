package io.jenkins.plugins.cloudimages.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KickstartIncludesTest {
  @Test
  void shouldResolveIncludesAgainstTheKickstartsFolder() {
    String kickstart =
        "lang en_US\n%include common/base.cfg\n  %ksappend \"../shared/packages.cfg\"\n"
            + "%pre\n%include ./part.cfg\n%end\n";

    assertThat(KickstartIncludes.of("cloud/c7.ks", kickstart))
        .containsExactly("cloud/common/base.cfg", "shared/packages.cfg", "cloud/part.cfg");
  }

  @Test
  void shouldLeaveOutWhatIsNotInTheRepository() {
    String kickstart =
        "%include /tmp/part-include\n%include http://example.org/x.cfg\n"
            + "%include ../../outside.cfg\n%include $KSDIR/x.cfg\n# %include commented.cfg\n";

    assertThat(KickstartIncludes.of("cloud/c7.ks", kickstart)).isEmpty();
  }
}
