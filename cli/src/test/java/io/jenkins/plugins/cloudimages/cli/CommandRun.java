package io.jenkins.plugins.cloudimages.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code cloudimg} in-process with captured stdout and stderr. */
record CommandRun(int exit, String out, String err) {
  static CommandRun of(String... args) {
    CommandLine commandLine = Cloudimg.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new CommandRun(exit, out.toString(), err.toString());
  }
}
