package io.jenkins.plugins.cloudimages.cli;

import io.jenkins.plugins.cloudimages.testing.GitRepos;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs {@code cloudimg} in this JVM or in a separate java process, capturing both outputs. */
final class CloudimgProcess {
  record Run(int exitCode, String out, String err) {}

  private CloudimgProcess() {}

  static Run inProcess(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Cloudimg.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(arguments);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Starts {@code java -cp <test class path> Cloudimg arguments} with a given environment. */
  static Process start(Path workDir, Map<String, String> environment, List<String> arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(Cloudimg.class.getName());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(GitRepos.IDENTITY);
    builder.environment().putAll(environment);
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    OUTPUTS.put(process, new Path[] {out, err});
    return process;
  }

  static Run await(Process process) throws IOException, InterruptedException {
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("cloudimg did not finish within 3 minutes");
    }
    Path[] files = OUTPUTS.remove(process);
    return new Run(process.exitValue(), Files.readString(files[0]), Files.readString(files[1]));
  }

  private static final Map<Process, Path[]> OUTPUTS =
      new java.util.concurrent.ConcurrentHashMap<>();
}
