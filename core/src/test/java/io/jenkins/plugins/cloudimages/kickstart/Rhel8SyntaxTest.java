package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** RHEL8: sshkey, authselect, --nobase gone, auth warns, install deprecated. */
class Rhel8SyntaxTest extends Rhel7SyntaxTest {
  @Override
  SyntaxVersion syntax() {
    return SyntaxVersion.RHEL8;
  }

  @Override
  @Test
  void shouldReadPackagesHeaderOptionsOfTheVersion() throws IOException {
    assertParse("%packages --nocore --excludeWeakdeps --instLangs=en\n@core\n%end\n");
    assertParseError("%packages --nobase\n%end\n");
  }

  @Override
  @Test
  void shouldKnowRhel7Commands() throws IOException {
    assertParseError("upgrade\n");
    assertParseWarning("auth --enableshadow\n", 1);
    assertParseWarning("install\n", 1);
    assertParse("sshkey --username=root \"ssh-rsa AAAA\"\nauthselect select sssd\n");
  }
}
