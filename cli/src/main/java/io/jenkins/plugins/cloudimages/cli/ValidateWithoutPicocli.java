package io.jenkins.plugins.cloudimages.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cloudimg validate} started without picocli, for the cold start: setting up picocli (its
 * converters, its annotation-driven model) costs more CPU than validating a kickstart. Only the
 * plain forms are read here ({@code --opt value}, flags, files); anything else (help, {@code
 * --opt=value}, {@code --}, {@code @files}, repeated single options, a usage error) returns {@code
 * null} before anything is printed, and picocli runs the command as usual, with its own messages.
 */
final class ValidateWithoutPicocli {
  private ValidateWithoutPicocli() {}

  /** The exit code, or null when picocli must run {@code args} instead. */
  static Integer run(String... args) {
    if (args.length == 0 || !args[0].equals("validate")) {
      return null;
    }
    return run(
        args, writer(System.out, "sun.stdout.encoding"), writer(System.err, "sun.stderr.encoding"));
  }

  static Integer run(String[] args, PrintWriter out, PrintWriter err) {
    ValidateCommand command = parse(args);
    if (command == null) {
      return null;
    }
    command.out = out;
    command.err = err;
    try {
      return command.call();
    } catch (IOException | RuntimeException e) {
      // Nothing is printed before validation ends: picocli reruns it and reports what went wrong.
      return null;
    } finally {
      command.err.flush();
    }
  }

  static ValidateCommand parse(String[] args) {
    if (args.length < 2 || !args[0].equals("validate")) {
      return null;
    }
    ValidateCommand command = new ValidateCommand();
    command.files = new ArrayList<>();
    command.format = "text";
    List<String> seen = new ArrayList<>();
    try {
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        if (arg.startsWith("@")) {
          return null;
        }
        if (!arg.startsWith("-")) {
          command.files.add(arg);
          continue;
        }
        if (!arg.equals("--mirror-map")) {
          if (seen.contains(arg)) {
            return null;
          }
          seen.add(arg);
        }
        if (arg.equals("--strict")) {
          command.strict = true;
          continue;
        }
        if (arg.equals("--no-policy")) {
          command.noPolicy = true;
          continue;
        }
        if (i + 1 == args.length || args[i + 1].startsWith("-") || args[i + 1].startsWith("@")) {
          return null;
        }
        String value = args[++i];
        switch (arg) {
          case "--syntax" -> command.syntax = value;
          case "--policy" -> command.policyFile = Path.of(value);
          case "--mirror-map" -> command.mirrorMap.add(value);
          case "--root" -> command.root = Path.of(value);
          case "--format" -> command.format = value;
          default -> {
            return null;
          }
        }
      }
    } catch (InvalidPathException e) {
      return null;
    }
    return command.files.isEmpty() ? null : command;
  }

  /** A writer as picocli makes one: the console's encoding when there is one, else the default. */
  private static PrintWriter writer(OutputStream stream, String encodingProperty) {
    String name = System.getProperty(encodingProperty);
    Charset charset =
        name == null
            ? Charset.defaultCharset()
            : name.equalsIgnoreCase("cp65001") ? StandardCharsets.UTF_8 : Charset.forName(name);
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
  }
}
