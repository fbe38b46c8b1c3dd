package io.jenkins.plugins.cloudimages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateWithoutPicocliTest {
  @TempDir Path dir;

  @Test
  void shouldAnswerThePlainFormsExactlyAsPicocliDoes() throws Exception {
    String good = write("CentOS-6-x86_64-Good.ks", "lang en_US.UTF-8\nkeyboard us\n");
    String bad =
        write("CentOS-6-x86_64-Bad.ks", "url --url=http://mirrors.kernel.org/c/\nfrobnicate\n");
    String policy = write("policy.txt", "mirror.centos.org\n");
    String[][] forms = {
      {"validate", good},
      {"validate", good, bad},
      {"validate", "--format", "json", bad, good},
      {"validate", "--strict", "--no-policy", "--syntax", "RHEL7", bad},
      {"validate", "--policy", policy, "--root", dir.toString(), bad},
      {
        "validate",
        "--mirror-map",
        "http://a/=http://b/",
        "--mirror-map",
        "http://c/=http://e/",
        good
      },
      {"validate", dir.resolve("missing.ks").toString(), good},
      {"validate", dir.toString()},
    };
    for (String[] form : forms) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      Integer exit =
          ValidateWithoutPicocli.run(form, new PrintWriter(out, true), new PrintWriter(err, true));

      CommandRun picocli = CommandRun.of(form);
      assertThat(exit).as(String.join(" ", form)).isEqualTo(picocli.exit());
      assertThat(out.toString()).as(String.join(" ", form)).isEqualTo(picocli.out());
      assertThat(err.toString()).as(String.join(" ", form)).isEqualTo(picocli.err());
    }
  }

  @Test
  void shouldLeaveEverythingElseToPicocliWithoutPrinting() throws Exception {
    String good = write("CentOS-6-x86_64-Good.ks", "lang en_US.UTF-8\n");
    String[][] forms = {
      {"validate"},
      {"validate", "--help"},
      {"validate", "-V"},
      {"validate", "--format=json", good},
      {"validate", "--format", "yaml", good},
      {"validate", "--syntax", "RHEL99", good},
      {"validate", "--syntax", "RHEL6", "--syntax", "RHEL7", good},
      {"validate", "--strict", "--strict", good},
      {"validate", "--no-policy", "--policy", good, good},
      {"validate", "--root", dir.resolve("none").toString(), good},
      {"validate", "--mirror-map", "nonsense", good},
      {"validate", "--syntax", "--strict", good},
      {"validate", "--", good},
      {"validate", "@" + good},
      {"validate", "--bogus", good},
      {"validate", "--policy", dir.resolve("none.txt").toString(), good},
      {"build", good},
    };
    for (String[] form : forms) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      Integer exit =
          ValidateWithoutPicocli.run(form, new PrintWriter(out, true), new PrintWriter(err, true));

      assertThat(exit).as(String.join(" ", form)).isNull();
      assertThat(out.toString() + err).as(String.join(" ", form)).isEmpty();
    }
  }

  private String write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content).toString();
  }
}
