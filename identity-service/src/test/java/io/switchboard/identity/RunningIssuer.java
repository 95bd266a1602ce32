package io.switchboard.identity;

import io.switchboard.testsupport.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The identity service for one test class, on a fresh database, started before its tests and
 * stopped after them; with the first admin's token at hand.
 */
final class RunningIssuer implements BeforeAllCallback, AfterAllCallback {

  private final String[] settings;
  private Path passwordFile;
  private TestIssuer issuer;
  private Http http;
  private String adminToken;

  /** With settings of its own, given after the test defaults. */
  RunningIssuer(String... settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    passwordFile = Files.createTempDirectory("identity-it").resolve("initialAdminPassword");
    String prefix = "identity_" + context.getRequiredTestClass().getSimpleName();
    issuer = TestIssuer.start(SharedPostgres.newDatabase(prefix), passwordFile, settings);
    http = new Http(issuer.url());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    issuer.close();
  }

  String url() {
    return issuer.url();
  }

  /** A client with its own cookies, shared by the class's tests. */
  Http http() {
    return http;
  }

  String adminPassword() {
    try {
      return Files.readString(passwordFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An access token of the first admin (tenant {@code default}), got once by the password grant. */
  String adminToken() {
    if (adminToken == null) {
      adminToken = Tokens.accessToken(http, "admin", adminPassword());
    }
    return adminToken;
  }
}
