package io.jenkins.plugins.cloudimages.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns what escapes a command into one clear line on stderr and exit code 2 (environment error),
 * never a stack trace. Set CLOUDIMG_DEBUG=1 to see the trace.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    String kind = cause instanceof IOException ? "I/O error" : "error";
    commandLine
        .getErr()
        .println("cloudimg " + commandLine.getCommandName() + ": " + kind + ": " + message);
    if ("1".equals(System.getenv("CLOUDIMG_DEBUG"))) {
      cause.printStackTrace(commandLine.getErr());
    }
    return Cloudimg.USAGE;
  }
}
