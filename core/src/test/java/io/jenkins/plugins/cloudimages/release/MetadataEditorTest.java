package io.jenkins.plugins.cloudimages.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class MetadataEditorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode record(String image) {
    ObjectNode record = MAPPER.createObjectNode();
    record.put("image", image);
    record.putArray("clouds").add("local-qemu");
    record.putObject("t_functional").put("tests", 3).put("failures", 0);
    return record;
  }

  private static String append(String text, String image) throws MetadataException {
    return new MetadataEditor(text).append(record(image));
  }

  @Test
  void shouldAddReleasesAtTheEndOfATwoSpaceFile() throws Exception {
    String before = "{\n  \"distro\": \"centos\",\n  \"arch\": [\"x86_64\"]\n}\n";

    assertThat(append(before, "a.qcow2"))
        .isEqualTo(
            "{\n  \"distro\": \"centos\",\n  \"arch\": [\"x86_64\"],\n  \"releases\": [\n"
                + "    {\n      \"image\": \"a.qcow2\",\n      \"clouds\": [\n"
                + "        \"local-qemu\"\n      ],\n      \"t_functional\": {\n"
                + "        \"tests\": 3,\n        \"failures\": 0\n      }\n    }\n  ]\n}\n");
  }

  @Test
  void shouldAppendToAnExistingFourSpaceList() throws Exception {
    String before =
        "{\n    \"release\": \"7\",\n    \"releases\": [\n        {\n"
            + "            \"image\": \"old.qcow2\"\n        }\n    ],\n    \"type\": \"kvm\"\n}";

    String after = append(before, "new.qcow2");

    assertThat(after)
        .startsWith(
            "{\n    \"release\": \"7\",\n    \"releases\": [\n        {\n"
                + "            \"image\": \"old.qcow2\"\n        },\n        {\n"
                + "            \"image\": \"new.qcow2\",\n            \"clouds\": [\n")
        .endsWith("        }\n    ],\n    \"type\": \"kvm\"\n}");
  }

  @Test
  void shouldKeepTabsAndTheColonSpacing() throws Exception {
    String before =
        "{\n\t\"distro\" : \"centos\",\n\t\"extra\" : {\n\t\t\"vendor\" : \"CentOS\"\n\t}\n}\n";

    String after = append(before, "t.raw");

    assertThat(after)
        .startsWith(before.substring(0, before.lastIndexOf("\n}")))
        .contains(",\n\t\"releases\" : [\n\t\t{\n\t\t\t\"image\" : \"t.raw\",\n")
        .endsWith("\t\t}\n\t]\n}\n");
  }

  @Test
  void shouldFollowTheRealSigFileWithUnindentedKeysAndEightSpaceNesting() throws Exception {
    String before =
        "{\n\"script\": \"\",\n\"extra\": {\n        \"vendor\": \"CentOS\"\n        }\n}\n";

    String after = append(before, "x.qcow2");

    assertThat(after)
        .contains("        },\n\"releases\": [\n        {\n                \"image\": \"x.qcow2\",")
        .endsWith("        }\n]\n}\n");
  }

  @Test
  void shouldKeepCrlfLineEndings() throws Exception {
    String before = "{\r\n  \"a\": 1\r\n}\r\n";

    String after = append(before, "c.raw");

    assertThat(after.replace("\r\n", "")).doesNotContain("\n");
    assertThat(after).startsWith("{\r\n  \"a\": 1,\r\n  \"releases\": [\r\n    {\r\n");
  }

  @Test
  void shouldWriteCompactJsonIntoACompactFile() throws Exception {
    String before = "{\"a\":1,\"releases\":[{\"image\":\"old\"}]}";

    assertThat(append(before, "n"))
        .isEqualTo(
            "{\"a\":1,\"releases\":[{\"image\":\"old\"},"
                + "{\"image\":\"n\",\"clouds\":[\"local-qemu\"],"
                + "\"t_functional\":{\"tests\":3,\"failures\":0}}]}");
  }

  @Test
  void shouldWriteCompactJsonIntoASingleKeyCompactFile() throws Exception {
    assertThat(append("{\"arch\":\"ppc64le\"}\n", "p"))
        .startsWith("{\"arch\":\"ppc64le\",\"releases\":[{\"image\":\"p\",\"clouds\":[")
        .endsWith("}}]}\n");
  }

  @Test
  void shouldFillAnEmptyListAndAnEmptyObject() throws Exception {
    assertThat(append("{\n  \"releases\": []\n}\n", "e"))
        .startsWith("{\n  \"releases\": [\n    {\n      \"image\": \"e\",");
    assertThat(append("{}\n", "e")).startsWith("{\n  \"releases\": [\n    {\n").endsWith("]\n}\n");
  }

  @Test
  void shouldLeaveStringsThatLookLikeStructureAlone() throws Exception {
    String before = "{\n  \"script\": \"echo '}' \\\"]\\\" {\",\n  \"n\": null\n}";

    String after = append(before, "s");

    assertThat(MAPPER.readTree(after).get("script").asText()).isEqualTo("echo '}' \"]\" {");
    assertThat(after).startsWith(before.substring(0, before.length() - 2) + ",\n  \"releases\"");
  }

  @Test
  void shouldRefuseReleasesThatIsNotAList() {
    assertThatThrownBy(() -> new MetadataEditor("{\"releases\": {}}"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("not a list");
  }

  @Test
  void shouldReportTheLineOfInvalidJson() {
    assertThatThrownBy(() -> new MetadataEditor("{\n  \"a\": 1,\n  oops\n}"))
        .isInstanceOf(MetadataException.class)
        .hasMessageStartingWith("line 3: not valid JSON");
  }

  @Test
  void shouldRefuseATopLevelThatIsNotAnObject() {
    assertThatThrownBy(() -> new MetadataEditor("[1, 2]"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("not a JSON object");
  }
}
