package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** RHEL6: %end is required, rootpw --lock, firewall --service, group, --nobase. */
class Rhel6SyntaxTest extends Rhel5SyntaxTest {
  @Override
  SyntaxVersion syntax() {
    return SyntaxVersion.RHEL6;
  }

  @Override
  @Test
  void shouldLetTheNextSectionCloseAnUnendedOne() throws IOException {
    assertParseError("%post\necho hi\n%packages\n@core\n%end\n", 3);
    assertParseError("skipx\n%post\necho hi\n\n", 4);
  }

  @Override
  @Test
  void shouldKnowRhel5OnlyCommandsAndOptions() throws IOException {
    assertParseError("mouse generic\n");
    assertParseWarning("monitor --hsync=1\n", 1);
    assertParse(
        "rootpw --lock --iscrypted $6$x\nfirewall --enabled --service=ssh\ngroup --name=a\n");
    assertParse("repo --name=a --baseurl=http://a/ --cost=100\n");
    assertParseError("timezone --nontp UTC\n");
    assertParseError("zerombr yes\n");
  }

  @Override
  @Test
  void shouldReadPackagesHeaderOptionsOfTheVersion() throws IOException {
    assertParse("%packages --nobase --instLangs=en\n@core\n%end\n");
    assertParseError("%packages --nocore\n%end\n");
    assertParseError("%packages --default --nobase\n%end\n");
    assertParseError("%packages --resolvedeps\n%end\n");
  }

  @Test
  void shouldRefuseAutopartWithManualPartitions() throws IOException {
    assertParseError("autopart\npart / --size=1\n", 2);
  }
}
