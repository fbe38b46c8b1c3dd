package io.jenkins.plugins.cloudimages.jenkinsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * checker/CheckSignatures.java, run as check-signatures runs it, over small stub/original pairs.
 */
class CheckSignaturesTest {
  private static final Path CHECKER = Path.of("checker/CheckSignatures.java");

  @TempDir Path dir;

  @Test
  void shouldReportEveryKindOfSignatureDifferenceAndExitOne() throws Exception {
    pair(
        "p.Api",
        """
        package p;
        import jakarta.servlet.http.HttpServletRequest;
        import java.util.Map;
        public class Api {
          private Api() {}
          public String name() { return null; }
          public void read() throws java.io.IOException {}
          public static int count() { return 0; }
          public void handle(HttpServletRequest req) {}
          public void extra() {}
          public static final Long LIMIT = null;
          public void putAll(Map<String, Object> map) {}
          public void all(String... names) {}
        }
        """,
        """
        package p;
        import javax.servlet.http.HttpServletRequest;
        import java.util.Map;
        public class Api {
          Api(int x) {}
          public CharSequence name() { return null; }
          public void read() throws java.io.IOException, InterruptedException {}
          public int count() { return 0; }
          public void handle(HttpServletRequest req) {}
          public static final long LIMIT = 1;
          public void putAll(Map map) {}
          public void all(String[] names) {}
        }
        """);
    pair("p.Kind", "package p; public class Kind {}", "package p; public interface Kind {}");
    pair(
        "p.Base",
        "package p; public abstract class Base {}",
        "package p; public abstract class Base { protected Base() {} }");
    pair(
        "p.Marker",
        """
        package p;
        import java.lang.annotation.*;
        @Retention(RetentionPolicy.CLASS) @Target(ElementType.TYPE)
        public @interface Marker {}
        """,
        """
        package p;
        import static java.lang.annotation.ElementType.*;
        import java.lang.annotation.*;
        @Retention(RetentionPolicy.RUNTIME) @Target({TYPE, METHOD})
        public @interface Marker {}
        """);
    pair(
        "p.Mode",
        "package p; public enum Mode { A, B; public static Mode of(String s) { return null; } }",
        "package p; public enum Mode { A(1); Mode(int x) {} public static Mode of(String s) { return"
            + " null; } }");
    String same =
        """
        package p;
        import java.util.List;
        public interface Same<T extends Comparable<T>> {
          <X extends T> List<? super X> pick(Class<X> type, int... n) throws Exception;
          interface Inner { void run(); }
        }
        """;
    pair("p.Same", same, same.replace("import java.util.List;", "import java.util.*;"));

    Run run = check();

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "p.Api: name(): stub public java.lang.String name() vs real public"
                + " java.lang.CharSequence name()",
            "p.Api: read(): stub public void read() throws java.io.IOException vs real public void"
                + " read() throws java.io.IOException, java.lang.InterruptedException",
            "p.Api: count(): stub public static int count() vs real public int count()",
            "p.Api: handle(jakarta.servlet.http.HttpServletRequest): stub public void"
                + " handle(jakarta.servlet.http.HttpServletRequest) vs real public void"
                + " handle(javax.servlet.http.HttpServletRequest)",
            "p.Api: extra(): stub public void extra() vs real <absent>",
            "p.Api: LIMIT: stub public static final java.lang.Long LIMIT vs real public static"
                + " final long LIMIT",
            "p.Api: putAll(java.util.Map<java.lang.String, java.lang.Object>): stub public void"
                + " putAll(java.util.Map<java.lang.String, java.lang.Object>) vs real public void"
                + " putAll(java.util.Map)",
            "p.Api: all(java.lang.String...): stub public void all(java.lang.String...) vs real"
                + " public void all(java.lang.String[])",
            "p.Kind: class: stub public class Kind vs real public abstract interface Kind",
            "p.Base: <init>(): stub (implicit) public Base() vs real protected Base()",
            "p.Marker: meta-annotations: stub @Retention[CLASS] @Target[TYPE] vs real"
                + " @Retention[RUNTIME] @Target[METHOD, TYPE]",
            "p.Mode: B: stub enum constant B vs real <absent>")
        .doesNotContain("p.Same", "p.Api: <init>", "p.Mode: A", "p.Mode: of");
    assertThat(run.err()).contains("7 classes", "12 differences, 0 originals missing");
  }

  @Test
  void shouldExitTwoWhenAnOriginalIsMissing() throws Exception {
    pair("p.Here", "package p; public class Here {}", "package p; public class Here {}");
    Files.writeString(
        dir.resolve("SOURCES.tsv"),
        "p.Gone\tg:a:1\to/r\tv1\tsrc/p/Gone.java\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    write(dir.resolve("stubs/p/Gone.java"), "package p; public class Gone {}");

    Run run = check();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("MISSING p.Gone: original o/r v1:src/p/Gone.java");
  }

  private void pair(String className, String stub, String real) throws IOException {
    String file = className.replace('.', '/') + ".java";
    write(dir.resolve("stubs").resolve(file), stub);
    write(dir.resolve("originals/o/r/src").resolve(file), real);
    Files.writeString(
        dir.resolve("SOURCES.tsv"),
        className + "\tg:a:1\to/r\tv1\tsrc/" + file + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private Run check() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    CHECKER.toString(),
                    dir.resolve("SOURCES.tsv").toString(),
                    dir.resolve("stubs").toString(),
                    dir.resolve("originals").toString()))
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exitCode = process.waitFor();
    return new Run(exitCode, out, Files.readString(dir.resolve("err.txt")));
  }

  private record Run(int exitCode, String out, String err) {}
}
