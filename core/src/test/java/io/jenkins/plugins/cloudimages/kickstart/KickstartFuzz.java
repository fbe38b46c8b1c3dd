package io.jenkins.plugins.cloudimages.kickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzzes the parser with mutated corpus kickstarts (and a few built-in seeds when the corpus is
 * absent), every syntax version in turn. Each input must parse without throwing, and every problem
 * must name a file and a line. As a command: {@code KickstartFuzz SECONDS [SEED]}, exit 1 on a
 * failure, with the failing input kept.
 */
final class KickstartFuzz {
  private static final Path CORPUS = Path.of("/work/shared/corpus/kickstarts");
  private static final List<String> BUILT_IN =
      List.of(
          "lang en_US\nkeyboard us\nrootpw --lock x\n%packages --nobase\n@core\n%end\n%post\necho\n%end\n",
          "text\nnetwork --bootproto=dhcp --device=eth0\npart / --size=1 --grow\n%include fuzz.ks\n");

  /** How a run went. */
  record Report(int inputs, long problems, List<String> failures) {}

  private final Path folder;
  private final KickstartMutator mutator;
  private final List<byte[]> seeds;

  KickstartFuzz(Path folder, long seed, int hugeLineBytes) throws IOException {
    this.folder = folder;
    this.mutator = new KickstartMutator(seed, hugeLineBytes);
    this.seeds = seeds();
  }

  Report run(int maxInputs, long deadlineNanos) throws IOException {
    Path input = folder.resolve("repo/ks/fuzz.ks");
    Files.createDirectories(input.getParent());
    List<String> failures = new ArrayList<>();
    SyntaxVersion[] versions = SyntaxVersion.values();
    long problems = 0;
    int count = 0;
    for (; count < maxInputs && System.nanoTime() < deadlineNanos; count++) {
      byte[] bytes = mutator.mutate(seeds.get(count % seeds.size()));
      Files.write(input, bytes);
      SyntaxVersion version = versions[count % versions.length];
      try {
        ParseResult result = new KickstartParser(version, folder.resolve("repo")).parse(input);
        for (Problem problem : result.problems()) {
          if (problem.line() == null || problem.line() < 1) {
            failures.add(keep(bytes, count, "problem without a line: " + problem));
          }
        }
        problems += result.problems().size();
        new KickstartFlattener(folder.resolve("repo")).flatten(input);
        result.kickstart().sections("packages").forEach(PackageSelection::from);
      } catch (Throwable e) {
        failures.add(keep(bytes, count, version + ": " + e));
      }
    }
    return new Report(count, problems, failures);
  }

  private String keep(byte[] bytes, int count, String what) {
    Path kept = folder.resolve("failure-" + count + ".ks");
    try {
      Files.write(kept, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return what + " (input kept in " + kept + ")";
  }

  private static List<byte[]> seeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    if (Files.isDirectory(CORPUS)) {
      try (Stream<Path> files = Files.list(CORPUS)) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".ks") || name.endsWith(".cfg")) {
            seeds.add(Files.readAllBytes(file));
          }
        }
      }
    }
    for (String text : BUILT_IN) {
      seeds.add(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return seeds;
  }

  public static void main(String[] args) throws IOException {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    Path folder = Files.createTempDirectory("kickstart-fuzz");
    KickstartFuzz fuzz = new KickstartFuzz(folder, seed, 10 * 1024 * 1024);
    Report report = fuzz.run(Integer.MAX_VALUE, System.nanoTime() + seconds * 1_000_000_000L);
    System.out.println(
        "seed "
            + seed
            + ": "
            + report.inputs()
            + " inputs, "
            + report.problems()
            + " problems, "
            + report.failures().size()
            + " failures");
    report.failures().forEach(System.out::println);
    System.exit(report.failures().isEmpty() ? 0 : 1);
  }
}
