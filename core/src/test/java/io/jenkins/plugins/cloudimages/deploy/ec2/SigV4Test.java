package io.jenkins.plugins.cloudimages.deploy.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the signer against AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite,
 * the 2015-08-30 edition: credentials AKIDEXAMPLE, region us-east-1, service "service", time
 * 20150830T123600Z). The expected canonical requests, strings to sign and Authorization headers
 * below are that suite's .creq, .sts and .authz files, as AWS distributed them with
 * docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html and as transcribed in
 * aws/aws-sdk-js-v3 packages/signature-v4/src/suite.fixture.ts.
 */
class SigV4Test {
  private static final SigV4.Credentials SUITE =
      new SigV4.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
  private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
  private static final String EMPTY = SigV4.sha256Hex("");
  private static final String HOST_DATE =
      "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n";
  private static final String CREDENTIAL =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

  /** One case: the request, then the suite's expected creq, sts and the authz signature. */
  static Stream<Arguments> suite() {
    return Stream.of(
        vector(
            "get-vanilla",
            "GET",
            "/",
            List.of(),
            Map.of(),
            "",
            "GET\n/\n\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        vector(
            "get-vanilla-query-order-key-case",
            "GET",
            "/",
            List.of(Map.entry("Param2", "value2"), Map.entry("Param1", "value1")),
            Map.of(),
            "",
            "GET\n/\nParam1=value1&Param2=value2\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            "host;x-amz-date",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        vector(
            "get-vanilla-query-order-key",
            "GET",
            "/",
            List.of(Map.entry("Param1", "value2"), Map.entry("Param1", "Value1")),
            Map.of(),
            "",
            "GET\n/\nParam1=Value1&Param1=value2\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89",
            "host;x-amz-date",
            "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        vector(
            "get-vanilla-utf8-query",
            "GET",
            "/",
            List.of(Map.entry("\u1234", "bar")),
            Map.of(),
            "",
            "GET\n/\n%E1%88%B4=bar\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
            "host;x-amz-date",
            "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        vector(
            "get-utf8",
            "GET",
            "/\u1234",
            List.of(),
            Map.of(),
            "",
            "GET\n/%E1%88%B4\n\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
            "host;x-amz-date",
            "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        vector(
            "get-unreserved",
            "GET",
            "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            List.of(),
            Map.of(),
            "",
            "GET\n/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\n\n"
                + HOST_DATE
                + "\nhost;x-amz-date\n"
                + EMPTY,
            "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
            "host;x-amz-date",
            "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        vector(
            "normalize-path/get-space",
            "GET",
            "/example space/",
            List.of(),
            Map.of(),
            "",
            "GET\n/example%20space/\n\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
            "host;x-amz-date",
            "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        vector(
            "normalize-path/get-slashes",
            "GET",
            "//example//",
            List.of(),
            Map.of(),
            "",
            "GET\n/example/\n\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
            "host;x-amz-date",
            "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        vector(
            "normalize-path/get-slash-pointless-dot",
            "GET",
            "/./example",
            List.of(),
            Map.of(),
            "",
            "GET\n/example\n\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702",
            "host;x-amz-date",
            "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"),
        vector(
            "normalize-path/get-relative-relative",
            "GET",
            "/example1/example2/../..",
            List.of(),
            Map.of(),
            "",
            "GET\n/\n\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        vector(
            "normalize-path/get-slash-dot-slash",
            "GET",
            "/./",
            List.of(),
            Map.of(),
            "",
            "GET\n/\n\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        vector(
            "get-header-value-trim",
            "GET",
            "/",
            List.of(),
            Map.of("My-Header1", List.of(" value1"), "My-Header2", List.of(" \"a   b   c\"")),
            "",
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
                + "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n"
                + EMPTY,
            "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
            "host;my-header1;my-header2;x-amz-date",
            "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        vector(
            "get-header-value-order",
            "GET",
            "/",
            List.of(),
            Map.of("My-Header1", List.of("value4", "value1", "value3", "value2")),
            "",
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\n"
                + "x-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n"
                + EMPTY,
            "31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86",
            "host;my-header1;x-amz-date",
            "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        vector(
            "post-header-value-case",
            "POST",
            "/",
            List.of(),
            Map.of("My-Header1", List.of("VALUE1")),
            "",
            "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:VALUE1\n"
                + "x-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n"
                + EMPTY,
            "d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93",
            "host;my-header1;x-amz-date",
            "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        vector(
            "post-vanilla-query",
            "POST",
            "/",
            List.of(Map.entry("Param1", "value1")),
            Map.of(),
            "",
            "POST\n/\nParam1=value1\n" + HOST_DATE + "\nhost;x-amz-date\n" + EMPTY,
            "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
            "host;x-amz-date",
            "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        vector(
            "post-x-www-form-urlencoded",
            "POST",
            "/",
            List.of(),
            Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
            "Param1=value1",
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\n"
                + HOST_DATE
                + "\ncontent-type;host;x-amz-date\n"
                + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
            "content-type;host;x-amz-date",
            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        vector(
            "post-x-www-form-urlencoded-parameters",
            "POST",
            "/",
            List.of(),
            Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf8")),
            "Param1=value1",
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf8\n"
                + HOST_DATE
                + "\ncontent-type;host;x-amz-date\n"
                + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            "2e1cf7ed91881a30569e46552437e4156c823447bf1781b921b5d486c568dd1c",
            "content-type;host;x-amz-date",
            "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"));
  }

  private static Arguments vector(
      String name,
      String method,
      String path,
      List<Map.Entry<String, String>> query,
      Map<String, List<String>> extraHeaders,
      String body,
      String canonicalRequest,
      String stringToSignHash,
      String signedHeaders,
      String signature) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("example.amazonaws.com"));
    headers.putAll(extraHeaders);
    SigV4.Request request = new SigV4.Request(method, path, query, headers, SigV4.sha256Hex(body));
    String stringToSign =
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + stringToSignHash;
    String authorization =
        CREDENTIAL + "SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    return Arguments.of(name, request, canonicalRequest, stringToSign, authorization);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suite")
  void shouldSignLikeAwsTestSuite(
      String name,
      SigV4.Request request,
      String canonicalRequest,
      String stringToSign,
      String authorization) {
    SigV4.Signature signed = new SigV4("us-east-1", "service", true).sign(request, SUITE, TIME);

    assertThat(signed.canonicalRequest()).as(name).isEqualTo(canonicalRequest);
    assertThat(signed.stringToSign()).as(name).isEqualTo(stringToSign);
    assertThat(signed.authorization()).as(name).isEqualTo(authorization);
    assertThat(signed.headers()).containsEntry("x-amz-date", "20150830T123600Z");
  }

  @Test
  void shouldSignTheSessionTokenAsTheSuitesPostStsHeaderBeforeCase() {
    String token =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmx"
            + "fpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburE"
            + "Dy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPk"
            + "UL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
    SigV4.Credentials withToken =
        new SigV4.Credentials(SUITE.accessKeyId(), SUITE.secretAccessKey(), token);
    SigV4.Request request =
        new SigV4.Request(
            "POST", "/", List.of(), Map.of("host", List.of("example.amazonaws.com")), EMPTY);

    SigV4.Signature signed = new SigV4("us-east-1", "service", true).sign(request, withToken, TIME);

    assertThat(signed.authorization())
        .isEqualTo(
            CREDENTIAL
                + "SignedHeaders=host;x-amz-date;x-amz-security-token, "
                + "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
    assertThat(signed.headers()).containsEntry("x-amz-security-token", token);
  }

  @Test
  void shouldKeepAnS3ObjectKeyAsItIsWhenNotNormalizing() {
    SigV4.Request request =
        new SigV4.Request(
            "PUT",
            "/bucket//a/../b c",
            List.of(),
            Map.of("host", List.of("s3.example")),
            SigV4.UNSIGNED_PAYLOAD);

    SigV4.Signature signed = new SigV4("us-east-1", "s3", false).sign(request, SUITE, TIME);

    assertThat(signed.canonicalRequest()).startsWith("PUT\n/bucket//a/../b%20c\n");
    assertThat(signed.canonicalRequest()).endsWith("\nUNSIGNED-PAYLOAD");
  }

  @Test
  void shouldChangeTheSignatureWithTheSecret() {
    SigV4.Request request =
        new SigV4.Request("GET", "/", List.of(), Map.of("host", List.of("h")), EMPTY);
    SigV4.Credentials other = new SigV4.Credentials(SUITE.accessKeyId(), "another-secret", null);

    assertThat(new SigV4("us-east-1", "ec2", true).sign(request, other, TIME).signature())
        .isNotEqualTo(new SigV4("us-east-1", "ec2", true).sign(request, SUITE, TIME).signature());
  }
}
