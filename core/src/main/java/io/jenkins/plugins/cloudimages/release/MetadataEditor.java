package io.jenkins.plugins.cloudimages.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends a release record to the {@value #RELEASES} list of an image's metadata JSON with a
 * minimal text edit, so the file keeps its other keys, their order and its formatting style
 * (indentation, tabs or spaces, spacing around colons, line endings, trailing newline). The result
 * is re-parsed to prove that nothing but {@value #RELEASES} changed.
 */
public final class MetadataEditor {
  public static final String RELEASES = "releases";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String text;
  private final ObjectNode parsed;
  private final JsonLayout layout;

  /**
   * @throws MetadataException when the text is not a JSON object, or its {@value #RELEASES} is not
   *     a list
   */
  public MetadataEditor(String text) throws MetadataException {
    this.text = text;
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MetadataException(
          "line " + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new MetadataException("the metadata is not a JSON object");
    }
    JsonNode releases = object.get(RELEASES);
    if (releases != null && !releases.isArray()) {
      throw new MetadataException("\"" + RELEASES + "\" is not a list");
    }
    this.parsed = object;
    this.layout = new JsonLayout(text);
  }

  /** The existing release entries. */
  public List<JsonNode> releases() {
    List<JsonNode> entries = new ArrayList<>();
    JsonNode releases = parsed.get(RELEASES);
    if (releases != null) {
      releases.forEach(entries::add);
    }
    return entries;
  }

  /** The parsed document (read only). */
  public JsonNode document() {
    return parsed.deepCopy();
  }

  /** The text with {@code record} appended to {@value #RELEASES}. */
  public String append(ObjectNode record) throws MetadataException {
    Style style = Style.of(text, layout);
    Optional<JsonLayout.Member> releases = layout.member(RELEASES);
    String edited =
        releases.isPresent() ? appendToList(releases.get(), record, style) : addList(record, style);
    verify(edited, record);
    return edited;
  }

  private String addList(ObjectNode record, Style style) {
    if (layout.members.isEmpty()) {
      String member =
          style.compact
              ? quote(RELEASES) + style.colon + style.renderArray(List.of(record), "")
              : style.newline
                  + style.step
                  + quote(RELEASES)
                  + style.colon
                  + style.renderArray(List.of(record), style.step)
                  + style.newline;
      return text.substring(0, layout.objectStart + 1) + member + text.substring(layout.objectEnd);
    }
    JsonLayout.Member last = layout.members.get(layout.members.size() - 1);
    String indent = style.compact ? "" : layout.lineIndent(last.keyStart());
    String member =
        ","
            + (style.compact ? style.afterComma : style.newline + indent)
            + quote(RELEASES)
            + style.colon
            + style.renderArray(List.of(record), indent);
    return text.substring(0, last.valueEnd()) + member + text.substring(last.valueEnd());
  }

  private String appendToList(JsonLayout.Member releases, ObjectNode record, Style style) {
    int open = releases.valueStart();
    int close = layout.arrayEnd(open);
    List<JsonLayout.Span> elements = layout.arrayElements(open);
    String keyIndent = layout.lineIndent(releases.keyStart());
    if (elements.isEmpty()) {
      String array = style.compact ? "" : keyIndent;
      return text.substring(0, open)
          + style.renderArray(List.of(record), array)
          + text.substring(close + 1);
    }
    JsonLayout.Span last = elements.get(elements.size() - 1);
    boolean ownLines = layout.newlineBetween(open, elements.get(0).start());
    String entry;
    if (ownLines && !style.compact) {
      String indent = layout.lineIndent(last.start());
      entry = "," + style.newline + indent + style.renderValue(record, indent);
    } else {
      entry = "," + style.afterComma + style.compactStyle().renderValue(record, "");
    }
    return text.substring(0, last.end()) + entry + text.substring(last.end());
  }

  /** Proves that the edit appended exactly {@code record} and left every other key as it was. */
  private void verify(String edited, ObjectNode record) throws MetadataException {
    JsonNode after;
    try {
      after = MAPPER.readTree(edited);
    } catch (JsonProcessingException e) {
      throw new MetadataException("internal error: the edited metadata is not JSON: " + e);
    }
    List<String> before = fieldNames(parsed);
    if (!before.contains(RELEASES)) {
      before.add(RELEASES);
    }
    ArrayNode expectedReleases = MAPPER.createArrayNode();
    releases().forEach(expectedReleases::add);
    expectedReleases.add(record);
    boolean same = after instanceof ObjectNode && fieldNames(after).equals(before);
    for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); same && it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getKey().equals(RELEASES)) {
        same = field.getValue().equals(after.get(field.getKey()));
      }
    }
    if (!same || !expectedReleases.equals(after.get(RELEASES))) {
      throw new MetadataException(
          "internal error: the edit would change more than \"" + RELEASES + "\"; file left as is");
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static String quote(String text) {
    try {
      return MAPPER.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The formatting habits of one file, and how to write new JSON in them. */
  static final class Style {
    final boolean compact;
    final String newline;
    final String step;
    final String colon;
    final String afterComma;

    private Style(boolean compact, String newline, String step, String colon, String afterComma) {
      this.compact = compact;
      this.newline = newline;
      this.step = step;
      this.colon = colon;
      this.afterComma = afterComma;
    }

    static Style of(String text, JsonLayout layout) {
      String newline = text.contains("\r\n") ? "\r\n" : "\n";
      List<JsonLayout.Member> members = layout.members;
      // An empty object has no style to keep: it gets the common two-space one.
      boolean compact =
          !members.isEmpty()
              && !layout.newlineBetween(layout.objectStart, members.get(0).keyStart());
      String colon = ": ";
      String afterComma = " ";
      if (!members.isEmpty()) {
        JsonLayout.Member first = members.get(0);
        colon = text.substring(first.keyEnd(), first.valueStart());
        afterComma = colon.endsWith(" ") ? " " : "";
        if (compact && members.size() > 1) {
          String between = text.substring(first.valueEnd(), members.get(1).keyStart());
          afterComma = between.substring(between.indexOf(',') + 1);
        }
      }
      return new Style(compact, newline, indentStep(text, layout), colon, afterComma);
    }

    /**
     * One level of indentation: how much deeper a nested container's first entry sits than the line
     * that opens it, else the top-level members' indentation, else two spaces.
     */
    private static String indentStep(String text, JsonLayout layout) {
      for (JsonLayout.Member member : layout.members) {
        char opening = text.charAt(member.valueStart());
        if (opening != '{' && opening != '[') {
          continue;
        }
        int inner = layout.skipSpace(member.valueStart() + 1);
        if (inner < member.valueEnd() - 1 && layout.startsLine(inner)) {
          String outer = layout.lineIndent(member.keyStart());
          String nested = layout.lineIndent(inner);
          if (nested.length() > outer.length() && nested.startsWith(outer)) {
            return nested.substring(outer.length());
          }
        }
      }
      if (!layout.members.isEmpty()) {
        String top = layout.lineIndent(layout.members.get(0).keyStart());
        if (!top.isEmpty() && layout.startsLine(layout.members.get(0).keyStart())) {
          return top;
        }
      }
      return "  ";
    }

    Style compactStyle() {
      return new Style(true, newline, step, colon, afterComma);
    }

    /** A one-element-per-line array (or a one-line one when compact) opened at {@code indent}. */
    String renderArray(List<? extends JsonNode> values, String indent) {
      ArrayNode array = MAPPER.createArrayNode();
      values.forEach(array::add);
      return renderValue(array, indent);
    }

    /** {@code value} written in this style, its first line continuing a line at {@code indent}. */
    String renderValue(JsonNode value, String indent) {
      if (value.isObject() || value.isArray()) {
        boolean object = value.isObject();
        String open = object ? "{" : "[";
        String close = object ? "}" : "]";
        if (value.isEmpty()) {
          return open + close;
        }
        List<String> entries = new ArrayList<>();
        String inner = compact ? "" : indent + step;
        if (object) {
          value
              .fields()
              .forEachRemaining(
                  field ->
                      entries.add(
                          quote(field.getKey()) + colon + renderValue(field.getValue(), inner)));
        } else {
          value.forEach(element -> entries.add(renderValue(element, inner)));
        }
        if (compact) {
          return open + String.join("," + afterComma, entries) + close;
        }
        return open
            + newline
            + inner
            + String.join("," + newline + inner, entries)
            + newline
            + indent
            + close;
      }
      try {
        return MAPPER.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
