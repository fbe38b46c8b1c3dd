package io.jenkins.plugins.cloudimages.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialReferenceTest {
  @ParameterizedTest
  @CsvSource({
    "'', NONE",
    "'  ', NONE",
    "build-key, ID",
    "0b5a6c1e-7f3d-4f52-9d3e-2a9c1b8e0f11, ID",
    "'${DEPLOY_KEY}', EXPRESSION",
    "' ${DEPLOY_KEY} ', EXPRESSION",
    "'${DEPLOY_KEY', EXPRESSION",
    "'key-${ENV}', ID",
    "'$DEPLOY_KEY', ID"
  })
  void shouldTellNothingAnExpressionAndAnIdApart(String value, CredentialReference expected) {
    assertThat(CredentialReference.of(value)).as(value).isEqualTo(expected);
  }

  @Test
  void shouldTakeNullForNothing() {
    assertThat(CredentialReference.of(null)).isEqualTo(CredentialReference.NONE);
  }

  @Test
  void shouldNameTheAcceptedKindsOfAnotherKind() {
    assertThat(CredentialReference.ofAnotherKind("Secret file or Secret text"))
        .isEqualTo(
            Check.error(
                "The selected credentials are of a kind this field cannot use; it takes: Secret"
                    + " file or Secret text."));
  }
}
