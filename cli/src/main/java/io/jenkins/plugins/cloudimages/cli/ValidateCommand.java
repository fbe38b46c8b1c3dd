package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.kickstart.ContentPolicy;
import io.jenkins.plugins.cloudimages.kickstart.KickstartValidator;
import io.jenkins.plugins.cloudimages.kickstart.MirrorMap;
import io.jenkins.plugins.cloudimages.kickstart.PolicyFileException;
import io.jenkins.plugins.cloudimages.kickstart.SyntaxVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cloudimg validate}: checks kickstarts, their metadata and their sources. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks kickstarts as pykickstart's ksvalidator does, plus the content policy and the"
          + " X.json metadata beside each X.ks.",
      "Exit status: 0 every FILE is valid, 1 some FILE is not, 2 usage error or unreadable file."
    })
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where output goes when {@link ValidateWithoutPicocli} runs the command (spec is null). */
  PrintWriter out;

  PrintWriter err;

  @Option(
      names = "--syntax",
      paramLabel = "VERSION",
      description =
          "Kickstart syntax version (RHEL5 ... RHEL10); default: the metadata's syntax, else the"
              + " file name's release, else a #version= line, else the newest.")
  String syntax;

  @Option(names = "--strict", description = "Treat warnings as errors.")
  boolean strict;

  @Option(names = "--no-policy", description = "Check syntax and metadata only, not sources.")
  boolean noPolicy;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Content policy file, one allowed source per line (default: CentOS and EPEL).")
  Path policyFile;

  @Option(
      names = "--mirror-map",
      paramLabel = "FROM=TO",
      description = "URL prefix rewrite the build applies to allowed sources (checked here).")
  List<String> mirrorMap = new ArrayList<>();

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description =
          "Kickstart repository includes must stay in (default: the file's git work tree).")
  Path root;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Output: compiler-style lines and a summary, or one JSON array.")
  String format;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Kickstart files.")
  List<String> files;

  @Override
  public Integer call() throws IOException {
    KickstartValidator.Options options = options();
    PrintWriter err = spec == null ? this.err : spec.commandLine().getErr();
    for (String file : files) {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        String why;
        if (Files.isDirectory(path)) {
          why = "is a directory";
        } else if (!Files.exists(path)) {
          why = "does not exist";
        } else if (!Files.isRegularFile(path)) {
          why = "is not a regular file";
        } else {
          why = "is not readable (permission denied)";
        }
        err.println("cloudimg validate: cannot read " + file + ": it " + why);
        return Cloudimg.USAGE;
      }
    }
    KickstartValidator validator = new KickstartValidator(options);
    List<ValidationOutput.Entry> entries = new ArrayList<>();
    for (String file : files) {
      entries.add(new ValidationOutput.Entry(file, validator.validate(Path.of(file))));
    }
    PrintWriter out = spec == null ? this.out : spec.commandLine().getOut();
    if (format.equals("json")) {
      ValidationOutput.json(entries, out);
    } else {
      ValidationOutput.text(entries, out);
    }
    out.flush();
    for (ValidationOutput.Entry entry : entries) {
      if (!entry.report().valid()) {
        return Cloudimg.FAILED;
      }
    }
    return Cloudimg.OK;
  }

  private KickstartValidator.Options options() throws IOException {
    if (!format.equals("text") && !format.equals("json")) {
      throw usage("--format must be text or json, not '" + format + "'");
    }
    SyntaxVersion version = null;
    if (syntax != null) {
      version =
          SyntaxVersion.parse(syntax)
              .orElseThrow(
                  () ->
                      usage(
                          "unknown syntax version '"
                              + syntax
                              + "'; one of "
                              + Arrays.toString(SyntaxVersion.values())));
    }
    if (noPolicy && policyFile != null) {
      throw usage("--no-policy and --policy exclude each other");
    }
    if (root != null && !Files.isDirectory(root)) {
      throw usage("--root " + root + " is not a directory");
    }
    try {
      MirrorMap.parse(mirrorMap);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    ContentPolicy policy = noPolicy ? null : loadPolicy();
    return new KickstartValidator.Options(version, strict, policy, root);
  }

  private ContentPolicy loadPolicy() throws IOException {
    if (policyFile == null) {
      return ContentPolicy.defaults();
    }
    try {
      return ContentPolicy.load(policyFile);
    } catch (PolicyFileException e) {
      throw usage("bad policy: " + e.getMessage());
    } catch (NoSuchFileException e) {
      throw usage("cannot read the policy " + policyFile + ": it does not exist");
    }
  }

  private RuntimeException usage(String message) {
    if (spec == null) {
      return new UsageProblem();
    }
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** A usage error found without picocli, which then reruns the command to report it. */
  static final class UsageProblem extends RuntimeException {
    UsageProblem() {
      super(null, null, false, false);
    }
  }
}
