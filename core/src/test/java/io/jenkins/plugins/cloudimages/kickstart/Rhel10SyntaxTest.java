package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** RHEL10: auth/authconfig removed, old %packages spellings and timezone NTP options gone. */
class Rhel10SyntaxTest extends Rhel9SyntaxTest {
  @Override
  SyntaxVersion syntax() {
    return SyntaxVersion.RHEL10;
  }

  @Override
  @Test
  void shouldReadPackagesHeaderOptionsOfTheVersion() throws IOException {
    assertParse("%packages --nocore --exclude-weakdeps --inst-langs=en\n@core\n%end\n");
    assertParseError("%packages --instLangs=en\n%end\n");
  }

  @Override
  @Test
  void shouldKnowRhel7Commands() throws IOException {
    assertParseError("auth --enableshadow\n");
    assertParseError("authconfig --enableshadow\n");
    assertParseWarning("vnc\n", 1);
    assertParse("bootc --source-imgref=registry:quay.io/x\n");
  }

  @Override
  @Test
  void shouldKnowRhel5OnlyCommandsAndOptions() throws IOException {
    assertParseError("timezone UTC --nontp\n");
    assertParse("timezone UTC --utc\nkeyboard --vckeymap=us\n");
  }
}
