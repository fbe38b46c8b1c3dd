package io.jenkins.plugins.cloudimages.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cloudimg}: the engine's stages on the command line. */
@Command(
    name = "cloudimg",
    mixinStandardHelpOptions = true,
    versionProvider = Cloudimg.Version.class,
    description = "Build, publish, boot, test and release cloud images from kickstarts in git.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ValidateCommand.class,
      TestCommand.class,
      ReleaseCommand.class,
      RunCommand.class,
      BuildCommand.class,
      PublishCommand.class,
      DeployCommand.class,
      DestroyCommand.class,
      JanitorCommand.class
    })
public final class Cloudimg implements Runnable {

  /** Exit codes shared by every command (see conventions.md). */
  public static final int OK = 0;

  public static final int FAILED = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; used by tests. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new Cloudimg());
    commandLine.setExitCodeExceptionMapper(t -> USAGE);
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.getCommandSpec().exitCodeOnInvalidInput(USAGE);
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Cloudimg.class.getPackage().getImplementationVersion();
      return new String[] {"cloudimg " + (version == null ? "development" : version)};
    }
  }
}
