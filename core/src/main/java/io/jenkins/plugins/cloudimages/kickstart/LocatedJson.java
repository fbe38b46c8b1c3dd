package io.jenkins.plugins.cloudimages.kickstart;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON document read into Jackson's tree model (objects keep their key order) together with the
 * line each value starts on, addressed by JSON pointer ({@code /tfunctional/timeout}), so that
 * problems can name a line. Duplicate keys are refused: which one wins is unclear to a reader.
 */
final class LocatedJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final Map<String, Integer> lines;

  private LocatedJson(JsonNode root, Map<String, Integer> lines) {
    this.root = root;
    this.lines = lines;
  }

  /** Thrown for text that is not one JSON value; carries the line Jackson stopped at. */
  static final class SyntaxError extends Exception {
    final int line;

    SyntaxError(String message, int line) {
      super(message);
      this.line = line;
    }
  }

  static LocatedJson parse(String text) throws SyntaxError {
    try (JsonParser parser = FACTORY.createParser(text)) {
      Map<String, Integer> lines = new HashMap<>();
      if (parser.nextToken() == null) {
        throw new SyntaxError("the file is empty; write a JSON object", 1);
      }
      JsonNode root = read(parser, "", lines);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new SyntaxError(
            "unexpected content after the JSON value", parser.currentTokenLocation().getLineNr());
      }
      return new LocatedJson(root, lines);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw new SyntaxError("not valid JSON: " + e.getOriginalMessage(), line);
    } catch (IOException e) {
      throw new SyntaxError("not valid JSON: " + e.getMessage(), 1);
    }
  }

  private static JsonNode read(JsonParser parser, String pointer, Map<String, Integer> lines)
      throws IOException, SyntaxError {
    lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int line = parser.currentTokenLocation().getLineNr();
          if (object.has(key)) {
            throw new SyntaxError("duplicate key '" + key + "'", line);
          }
          String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
          lines.put(child, line);
          parser.nextToken();
          object.set(key, read(parser, child, lines));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser, pointer + "/" + index++, lines));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(parser.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(parser.getBooleanValue());
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new SyntaxError("unexpected " + parser.currentToken(), lines.get(pointer));
    }
  }

  JsonNode root() {
    return root;
  }

  /** The line of the value at this pointer, else of its nearest enclosing value, else 1. */
  int line(String pointer) {
    String at = pointer;
    while (true) {
      Integer line = lines.get(at);
      if (line != null) {
        return line;
      }
      if (at.isEmpty()) {
        return 1;
      }
      at = at.substring(0, at.lastIndexOf('/'));
    }
  }
}
