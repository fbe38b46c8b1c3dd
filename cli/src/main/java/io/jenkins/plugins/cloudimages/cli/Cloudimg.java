package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.ssh.BatchedSecureRandom;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cloudimg}: the engine's stages on the command line. */
@Command(
    name = "cloudimg",
    mixinStandardHelpOptions = true,
    versionProvider = Cloudimg.Version.class,
    description = "Build, publish, boot, test and release cloud images from kickstarts in git.")
public final class Cloudimg implements Runnable {

  /** Exit codes shared by every command (see conventions.md). */
  public static final int OK = 0;

  public static final int FAILED = 1;
  public static final int USAGE = 2;

  /** Every command, in the order help lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          ValidateCommand.class,
          BuildCommand.class,
          PublishCommand.class,
          DeployCommand.class,
          DestroyCommand.class,
          JanitorCommand.class,
          TestCommand.class,
          ReleaseCommand.class,
          RunCommand.class,
          DemoCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; used by tests. */
  public static int run(String... args) {
    Integer validated = ValidateWithoutPicocli.run(args);
    if (validated != null) {
      return validated;
    }
    BatchedSecureRandom.install();
    return newCommandLine(args.length == 0 ? null : args[0]).execute(args);
  }

  static CommandLine newCommandLine() {
    return newCommandLine(null);
  }

  /**
   * The command line with only the command {@code first} names, when it names one: picocli builds
   * its model of a command reflectively, so leaving the others out halves the start-up time.
   */
  static CommandLine newCommandLine(String first) {
    CommandLine commandLine = new CommandLine(new Cloudimg());
    commandLine.addSubcommand(new CommandLine.HelpCommand());
    List<Class<?>> chosen = COMMANDS;
    for (Class<?> command : COMMANDS) {
      if (command.getAnnotation(Command.class).name().equals(first)) {
        chosen = List.of(command);
      }
    }
    for (Class<?> command : chosen) {
      commandLine.addSubcommand(command);
    }
    commandLine.setExitCodeExceptionMapper(new UsageExitCode());
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(new UsageReporter());
    commandLine.getCommandSpec().exitCodeOnInvalidInput(USAGE);
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /**
   * Exit code 2 for every exception picocli maps; a class rather than a lambda, whose bootstrap
   * costs every cold start a few milliseconds.
   */
  private static final class UsageExitCode implements CommandLine.IExitCodeExceptionMapper {
    @Override
    public int getExitCode(Throwable exception) {
      return USAGE;
    }
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
