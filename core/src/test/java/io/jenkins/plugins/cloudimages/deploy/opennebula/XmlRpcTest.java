package io.jenkins.plugins.cloudimages.deploy.opennebula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.CloudException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcTest {

  @Test
  void shouldReadAnAnswerWrittenAsTheSpecShowsIt() throws Exception {
    String xml =
        """
        <?xml version="1.0"?>
        <methodResponse><params><param><value><array><data>
          <value><boolean>1</boolean></value>
          <value>untyped is a string</value>
          <value><i4>42</i4></value>
          <value><struct><member><name>a</name><value><double>1.5</double></value></member>
            <member><name>b</name><value><base64>aGk=</base64></value></member></struct></value>
        </data></array></value></param></params></methodResponse>
        """;

    @SuppressWarnings("unchecked")
    List<Object> values = (List<Object>) XmlRpc.parseAnswer(xml);

    assertThat(values).hasSize(4);
    assertThat(values.subList(0, 3)).containsExactly(true, "untyped is a string", 42);
    Map<?, ?> struct = (Map<?, ?>) values.get(3);
    assertThat(struct.get("a")).isEqualTo(1.5);
    assertThat((byte[]) struct.get("b")).isEqualTo("hi".getBytes());
  }

  @Test
  void shouldSurfaceAFaultWithItsString() {
    String xml = XmlRpc.fault(-501, "method one.vm.nope is not supported");

    assertThatThrownBy(() -> XmlRpc.parseAnswer(xml))
        .isInstanceOfSatisfying(XmlRpc.Fault.class, f -> assertThat(f.code()).isEqualTo(-501))
        .hasMessage("method one.vm.nope is not supported");
  }

  @Test
  void shouldRoundTripACallWithEveryTypeAndCharactersThatNeedEscaping() throws Exception {
    Map<String, Object> struct = new LinkedHashMap<>();
    struct.put("k<&>", List.of(1L, false));
    List<Object> params = List.of("user:pass", -1, "NAME = \"a<b>&c\"\n", struct, 2.25);

    XmlRpc.Call call = XmlRpc.parseCall(XmlRpc.call("one.vm.allocate", params));

    assertThat(call.method()).isEqualTo("one.vm.allocate");
    assertThat(call.params()).isEqualTo(params);
  }

  @Test
  void shouldRefuseADoctypeAndNonXml() {
    String entity =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<methodResponse><params><param><value>&e;</value></param></params>"
            + "</methodResponse>";

    assertThatThrownBy(() -> XmlRpc.parseAnswer(entity)).isInstanceOf(CloudException.class);
    assertThatThrownBy(() -> XmlRpc.parseAnswer("<html>502 Bad Gateway"))
        .isInstanceOf(CloudException.class)
        .hasMessageContaining("not valid XML");
  }

  @Test
  void shouldQuoteTemplateValuesSoThatTheyReadBackUnchanged() {
    String value = "say \"hi\" \\ then ] and , too";

    assertThat(FakeOpenNebula.parseTemplate("X = " + OpenNebulaDriver.quote(value) + "\n"))
        .containsEntry("X", value);
  }
}
