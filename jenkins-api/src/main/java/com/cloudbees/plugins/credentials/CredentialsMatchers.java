package com.cloudbees.plugins.credentials;

public class CredentialsMatchers {
  private CredentialsMatchers() {
    throw new UnsupportedOperationException();
  }

  public static CredentialsMatcher withId(String id) {
    throw new UnsupportedOperationException();
  }

  public static CredentialsMatcher allOf(CredentialsMatcher... matchers) {
    throw new UnsupportedOperationException();
  }
}
