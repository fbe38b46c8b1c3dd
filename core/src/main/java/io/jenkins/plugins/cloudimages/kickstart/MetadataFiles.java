package io.jenkins.plugins.cloudimages.kickstart;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** Finds, reads and writes image metadata files ({@code X.json} beside {@code X.ks}). */
public final class MetadataFiles {
  private MetadataFiles() {}

  /** What reading a metadata file gives: the metadata when usable, and every problem found. */
  public record Result(Optional<ImageMetadata> metadata, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
      return problems.stream().anyMatch(Problem::isError);
    }
  }

  /** {@code X.json} beside {@code X.ks} (or {@code X.cfg}); it may not exist. */
  public static Path besides(Path kickstart) {
    String name = kickstart.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return kickstart.resolveSibling(stem + ".json");
  }

  /** Reads and validates a metadata file; problems have kind METADATA and name their line. */
  public static Result read(Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return failed(file, 1, "the file is not UTF-8 text");
    } catch (IOException e) {
      return failed(file, null, "cannot read the metadata file: " + describe(e));
    }
    LocatedJson json;
    try {
      json = LocatedJson.parse(text);
    } catch (LocatedJson.SyntaxError e) {
      return failed(file, e.line, e.getMessage());
    }
    return new MetadataReader(file, json).read();
  }

  /** Writes the document with two-space indentation, atomically: readers never see half a file. */
  public static void write(ImageMetadata metadata, Path file) throws IOException {
    write(metadata.document(), file);
  }

  static void write(ObjectNode document, Path file) throws IOException {
    Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".metadata", ".tmp");
    try {
      Files.writeString(temporary, toText(document), StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** The document as written: two-space indentation, {@code "key": value}, final newline. */
  static String toText(ObjectNode document) throws IOException {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = new ObjectMapper().getFactory().createGenerator(out)) {
      generator.setPrettyPrinter(printer);
      new ObjectMapper().writeTree(generator, document);
    }
    return out + "\n";
  }

  private static Result failed(Path file, Integer line, String message) {
    return new Result(
        Optional.empty(),
        List.of(new Problem(file, line, Problem.Severity.ERROR, Problem.Kind.METADATA, message)));
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException
        ? "no such file"
        : e instanceof java.nio.file.AccessDeniedException
            ? "permission denied"
            : String.valueOf(e.getMessage());
  }
}
