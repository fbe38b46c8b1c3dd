package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** RHEL9: removed install/device, renamed %packages options warn, timezone NTP options warn. */
class Rhel9SyntaxTest extends Rhel8SyntaxTest {
  @Override
  SyntaxVersion syntax() {
    return SyntaxVersion.RHEL9;
  }

  @Override
  @Test
  void shouldReadPackagesHeaderOptionsOfTheVersion() throws IOException {
    assertParse("%packages --nocore --exclude-weakdeps --inst-langs=en\n@core\n%end\n");
    assertParseWarning("%packages --instLangs=en\n%end\n", 1);
    assertParseWarning("%traceback\necho\n%end\n", 1);
  }

  @Override
  @Test
  void shouldKnowRhel7Commands() throws IOException {
    assertParseError("install\n");
    assertParseWarning("auth --enableshadow\n", 1);
    assertParse("timesource --ntp-server=ntp.example.org\n");
  }

  @Override
  @Test
  void shouldKnowRhel5OnlyCommandsAndOptions() throws IOException {
    assertParseError("mouse generic\n");
    assertParseWarning("timezone UTC --nontp\n", 1);
    assertParse("keyboard --vckeymap=us\neula --agreed\nreqpart\n");
  }
}
