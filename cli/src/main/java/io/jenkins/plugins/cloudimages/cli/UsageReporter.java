package io.jenkins.plugins.cloudimages.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * A usage error as one line naming the problem and a pointer to the help, as GNU tools print it,
 * instead of picocli's default of the message followed by the command's whole help: after "cannot
 * read the kickstart X" the problem would otherwise scroll away behind forty lines of options. Only
 * {@code cloudimg} alone still prints its help, the list of commands.
 */
final class UsageReporter implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    if (args.length == 0) {
      command.usage(err);
      return Cloudimg.USAGE;
    }
    // picocli starts some of its messages (argument groups) with a word this line already has
    String message = String.valueOf(e.getMessage()).replaceFirst("^Error: ", "");
    err.println(name + ": error: " + message);
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + name + " --help' for more information.");
    err.flush();
    return Cloudimg.USAGE;
  }
}
