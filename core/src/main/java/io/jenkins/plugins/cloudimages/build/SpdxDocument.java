package io.jenkins.plugins.cloudimages.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** An SPDX 2.3 JSON SBOM: the image as one package that contains every installed rpm. */
final class SpdxDocument {
  /** A license expression made only of SPDX-like identifiers and AND/OR/WITH; else NOASSERTION. */
  private static final Pattern SPDX_EXPRESSION =
      Pattern.compile("[A-Za-z0-9.+-]+(\\s+(AND|OR|WITH)\\s+[A-Za-z0-9.+-]+)*");

  private SpdxDocument() {}

  static ObjectNode of(String imageName, List<InstalledPackage> packages, Instant created) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode doc = mapper.createObjectNode();
    doc.put("spdxVersion", "SPDX-2.3");
    doc.put("dataLicense", "CC0-1.0");
    doc.put("SPDXID", "SPDXRef-DOCUMENT");
    doc.put("name", imageName);
    doc.put(
        "documentNamespace",
        "https://cloudimg.invalid/spdx/" + imageName + "-" + UUID.randomUUID());
    ObjectNode creation = doc.putObject("creationInfo");
    creation.put("created", created.truncatedTo(ChronoUnit.SECONDS).toString());
    creation.putArray("creators").add("Tool: cloudimg");
    ArrayNode list = doc.putArray("packages");
    ObjectNode image = list.addObject();
    image.put("name", imageName);
    image.put("SPDXID", "SPDXRef-Image");
    image.put("downloadLocation", "NOASSERTION");
    image.put("filesAnalyzed", false);
    image.put("primaryPackagePurpose", "OPERATING-SYSTEM");
    ArrayNode relationships = doc.putArray("relationships");
    relation(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");
    int index = 0;
    for (InstalledPackage p : packages) {
      String id = "SPDXRef-Package-" + (++index) + "-" + p.name().replaceAll("[^A-Za-z0-9.-]", "-");
      ObjectNode node = list.addObject();
      node.put("name", p.name());
      node.put("SPDXID", id);
      node.put(
          "versionInfo",
          (p.epoch().isEmpty() ? "" : p.epoch() + ":") + p.version() + "-" + p.release());
      node.put("supplier", p.vendor().isEmpty() ? "NOASSERTION" : "Organization: " + p.vendor());
      node.put("downloadLocation", "NOASSERTION");
      node.put("filesAnalyzed", false);
      if (!p.url().isEmpty()) {
        node.put("homepage", p.url());
      }
      node.put("licenseConcluded", "NOASSERTION");
      node.put(
          "licenseDeclared",
          SPDX_EXPRESSION.matcher(p.license()).matches() ? p.license() : "NOASSERTION");
      node.put("copyrightText", "NOASSERTION");
      ObjectNode ref = node.putArray("externalRefs").addObject();
      ref.put("referenceCategory", "PACKAGE-MANAGER");
      ref.put("referenceType", "purl");
      ref.put("referenceLocator", p.purl("centos"));
      relation(relationships, "SPDXRef-Image", "CONTAINS", id);
    }
    return doc;
  }

  private static void relation(ArrayNode relationships, String from, String type, String to) {
    ObjectNode r = relationships.addObject();
    r.put("spdxElementId", from);
    r.put("relationshipType", type);
    r.put("relatedSpdxElement", to);
  }
}
