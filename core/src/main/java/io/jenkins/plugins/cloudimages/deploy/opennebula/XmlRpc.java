package io.jenkins.plugins.cloudimages.deploy.opennebula;

import io.jenkins.plugins.cloudimages.deploy.CloudException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * A small XML-RPC codec (the spec at xmlrpc.com): calls and answers with int, i4, i8, boolean,
 * string, double, base64, dateTime.iso8601 (kept as text), nil, array and struct. A value without a
 * type element is a string. Java types: Integer, Long, Boolean, String, Double, byte[], List and
 * Map (insertion order kept).
 */
public final class XmlRpc {
  private XmlRpc() {}

  /** A decoded call (used by servers, such as the test fake). */
  public record Call(String method, List<Object> params) {}

  /** A fault answer: faultCode and faultString. */
  public static final class Fault extends CloudException {
    private final int code;

    public Fault(int code, String message) {
      super(message);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  public static String call(String method, List<?> params) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<methodCall><methodName>");
    xml.append(escape(method)).append("</methodName><params>");
    for (Object param : params) {
      xml.append("<param>");
      value(xml, param);
      xml.append("</param>");
    }
    return xml.append("</params></methodCall>\n").toString();
  }

  public static String answer(Object value) {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\"?>\n<methodResponse><params><param>");
    value(xml, value);
    return xml.append("</param></params></methodResponse>\n").toString();
  }

  public static String fault(int code, String message) {
    Map<String, Object> fault = new LinkedHashMap<>();
    fault.put("faultCode", code);
    fault.put("faultString", message);
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<methodResponse><fault>");
    value(xml, fault);
    return xml.append("</fault></methodResponse>\n").toString();
  }

  /** The value of an answer; a fault answer throws {@link Fault}. */
  public static Object parseAnswer(String xml) throws CloudException {
    Element root = XmlDoc.parse(xml, "methodResponse");
    Element fault = XmlDoc.child(root, "fault");
    if (fault != null) {
      Object value = decode(XmlDoc.child(fault, "value"));
      if (!(value instanceof Map<?, ?> map)) {
        throw new CloudException("XML-RPC fault without a struct: " + value);
      }
      Object code = map.get("faultCode");
      throw new Fault(
          code instanceof Number n ? n.intValue() : 0, String.valueOf(map.get("faultString")));
    }
    Element param = XmlDoc.child(XmlDoc.child(root, "params"), "param");
    if (param == null) {
      throw new CloudException("XML-RPC answer without params");
    }
    return decode(XmlDoc.child(param, "value"));
  }

  public static Call parseCall(String xml) throws CloudException {
    Element root = XmlDoc.parse(xml, "methodCall");
    Element name = XmlDoc.child(root, "methodName");
    if (name == null) {
      throw new CloudException("XML-RPC call without methodName");
    }
    List<Object> params = new ArrayList<>();
    Element list = XmlDoc.child(root, "params");
    if (list != null) {
      for (Element param : XmlDoc.children(list, "param")) {
        params.add(decode(XmlDoc.child(param, "value")));
      }
    }
    return new Call(name.getTextContent().strip(), params);
  }

  private static void value(StringBuilder xml, Object value) {
    xml.append("<value>");
    if (value == null) {
      xml.append("<nil/>");
    } else if (value instanceof Integer i) {
      xml.append("<int>").append(i).append("</int>");
    } else if (value instanceof Long l) {
      xml.append("<i8>").append(l).append("</i8>");
    } else if (value instanceof Boolean b) {
      xml.append("<boolean>").append(b ? 1 : 0).append("</boolean>");
    } else if (value instanceof Double d) {
      xml.append("<double>").append(d).append("</double>");
    } else if (value instanceof byte[] bytes) {
      xml.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
    } else if (value instanceof List<?> list) {
      xml.append("<array><data>");
      list.forEach(item -> value(xml, item));
      xml.append("</data></array>");
    } else if (value instanceof Map<?, ?> map) {
      xml.append("<struct>");
      map.forEach(
          (k, v) -> {
            xml.append("<member><name>").append(escape(String.valueOf(k))).append("</name>");
            value(xml, v);
            xml.append("</member>");
          });
      xml.append("</struct>");
    } else {
      xml.append("<string>").append(escape(value.toString())).append("</string>");
    }
    xml.append("</value>");
  }

  private static Object decode(Element value) throws CloudException {
    if (value == null) {
      throw new CloudException("XML-RPC: missing <value>");
    }
    Element typed = XmlDoc.firstChild(value);
    if (typed == null) {
      return value.getTextContent();
    }
    String text = typed.getTextContent();
    try {
      return switch (typed.getTagName()) {
        case "int", "i4" -> Integer.parseInt(text.strip());
        case "i8" -> Long.parseLong(text.strip());
        case "boolean" -> "1".equals(text.strip()) || "true".equalsIgnoreCase(text.strip());
        case "double" -> Double.parseDouble(text.strip());
        case "string", "dateTime.iso8601" -> text;
        case "base64" -> Base64.getMimeDecoder().decode(text.strip());
        case "nil" -> null;
        case "array" -> {
          List<Object> items = new ArrayList<>();
          for (Element item : XmlDoc.children(XmlDoc.child(typed, "data"), "value")) {
            items.add(decode(item));
          }
          yield items;
        }
        case "struct" -> {
          Map<String, Object> members = new LinkedHashMap<>();
          for (Element member : XmlDoc.children(typed, "member")) {
            Element name = XmlDoc.child(member, "name");
            members.put(
                name == null ? "" : name.getTextContent(), decode(XmlDoc.child(member, "value")));
          }
          yield members;
        }
        default -> throw new CloudException("XML-RPC: unknown type <" + typed.getTagName() + ">");
      };
    } catch (IllegalArgumentException e) {
      throw new CloudException(
          "XML-RPC: bad <" + typed.getTagName() + "> value: " + text.strip(), 0, e);
    }
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
