package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** RHEL7: --nocore, deprecated --nobase, keyboard options, eula, reqpart, liveimg. */
class Rhel7SyntaxTest extends Rhel6SyntaxTest {
  @Override
  SyntaxVersion syntax() {
    return SyntaxVersion.RHEL7;
  }

  @Override
  @Test
  void shouldKnowRhel5OnlyCommandsAndOptions() throws IOException {
    assertParseError("mouse generic\n");
    assertParseError("monitor --hsync=1\n");
    assertParse(
        "timezone UTC --isUtc --nontp\nkeyboard --vckeymap=us --xlayouts='us'\neula --agreed\n");
    assertParse("reqpart --add-boot\nliveimg --url=http://a/b.img\n");
    assertParseError("keyboard\n");
  }

  @Override
  @Test
  void shouldReadPackagesHeaderOptionsOfTheVersion() throws IOException {
    assertParse("%packages --nocore --timeout=5 --retries=2 --multilib\n@core\n%end\n");
    assertParseWarning("%packages --nobase\n%end\n", 1);
    assertParseError("%packages --default --nocore\n%end\n");
    assertParseError("%packages --retries=many\n%end\n");
  }

  @Test
  void shouldKnowRhel7Commands() throws IOException {
    assertParseWarning("upgrade\n", 1);
    assertParse("auth --enableshadow --passalgo=sha512\n");
    assertParseError("sshkey --username=root \"ssh-rsa AAAA\"\n");
  }

  @Test
  void shouldTakeALockedRootAccountWithoutPassword() throws IOException {
    assertParse("rootpw --lock\n");
    assertParse("rootpw --iscrypted --lock $6$salt$hash\n");
    assertParseError("rootpw\n");
    assertParseError("rootpw --iscrypted\n");
    assertParseError("rootpw one two\n");
  }
}
