package io.jenkins.plugins.cloudimages.deploy.cloudstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer against the examples of the CloudStack Developer's Guide. */
class CloudStackSignerTest {

  /**
   * "How to sign an API call with Python" (CloudStack docs, signing-api-calls-python, 2013):
   * listUsers with apikey plgWJfZK4gyS3... and secret VDaACYb0LV9e... signs as
   * TTpdDq/7j/J58XCRHomKoQXEQds=.
   */
  @Test
  void shouldSignTheDocumentedListUsersExample() {
    Map<String, String> request = new LinkedHashMap<>();
    request.put("command", "listUsers");
    request.put("response", "json");
    request.put(
        "apikey",
        "plgWJfZK4gyS3mOMTVmjUVg-X-jlWlnfaUJ9GAbBbf9EdM-kAYMmAiLqzzq1ElZLYq_u38zCm0bewzGUdP66mg");
    String secret =
        "VDaACYb0LV9eNjTetIOElcVQkvJck_J_QljX_FcHRj87ZKiy0z0ty0ZsYBkoXkY9b7eq1EhwJaw7FF3akA3KBQ";

    assertThat(CloudStackSigner.commandString(request))
        .isEqualTo(
            "apikey=plgwjfzk4gys3momtvmjuvg-x-jlwlnfauj9gabbbf9edm-kaymmailqzzq1elzlyq_u38zcm0bewzgudp66mg"
                + "&command=listusers&response=json");
    assertThat(CloudStackSigner.sign(request, secret)).isEqualTo("TTpdDq/7j/J58XCRHomKoQXEQds=");
  }

  /** "Signing API Requests" (API Developer's Guide 4.0, section 4.3): the sorted command string. */
  @Test
  void shouldSortAndLowerCaseLikeTheDeployVirtualMachineExample() {
    Map<String, String> request = new LinkedHashMap<>();
    request.put("command", "deployVirtualMachine");
    request.put("serviceOfferingId", "1");
    request.put("diskOfferingId", "1");
    request.put("templateId", "2");
    request.put("zoneId", "4");
    request.put(
        "apiKey",
        "miVr6X7u6bN_sdahOBpjNejPgEsT35eXq-jB8CG20YI3yaxXcgpyuaIRmFI_EJTVwZ0nUkkJbPmY3y2bciKwFQ");

    assertThat(CloudStackSigner.commandString(request))
        .isEqualTo(
            "apikey=mivr6x7u6bn_sdahobpjnejpgest35exq-jb8cg20yi3yaxxcgpyuairmfi_ejtvwz0nukkjbpmy3y2bcikwfq"
                + "&command=deployvirtualmachine&diskofferingid=1&serviceofferingid=1&templateid=2&zoneid=4");
  }

  @Test
  void shouldEncodeSpacesAsPercentTwentyAndLeaveOutTheSignature() {
    Map<String, String> request = new LinkedHashMap<>();
    request.put("name", "a b+c/d");
    request.put("signature", "ignored");

    assertThat(CloudStackSigner.commandString(request)).isEqualTo("name=a%20b%2bc%2fd");
  }
}
