package io.jenkins.plugins.cloudimages.pipeline.demo;

import java.util.Collection;

/** A comps.xml in which every group holds the given packages as mandatory. */
final class Comps {
  private Comps() {}

  static String write(Collection<String> groupIds, Collection<String> packages) {
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!DOCTYPE comps PUBLIC \"-//Red Hat, Inc.//DTD Comps info//EN\" \"comps.dtd\">\n")
        .append("<comps>\n");
    for (String id : groupIds) {
      xml.append("  <group>\n")
          .append("    <id>")
          .append(escape(id))
          .append("</id>\n")
          .append("    <name>")
          .append(escape(id))
          .append("</name>\n")
          .append("    <description>Demo group: the wrapped Debian base system</description>\n")
          .append("    <default>true</default>\n")
          .append("    <uservisible>true</uservisible>\n")
          .append("    <packagelist>\n");
      for (String name : packages) {
        xml.append("      <packagereq type=\"mandatory\">")
            .append(escape(name))
            .append("</packagereq>\n");
      }
      xml.append("    </packagelist>\n  </group>\n");
    }
    return xml.append("</comps>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
