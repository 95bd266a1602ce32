package io.switchboard.identity;

import io.switchboard.testsupport.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.springframework.context.ConfigurableApplicationContext;
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

  ConfigurableApplicationContext context() {
    return issuer.context();
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

  /** Creates a login in the first admin's tenant; fails the test unless it is created. */
  Map<String, Object> createUser(String username, String password, List<String> roles, String agentId) {
    return createUser(adminToken(), username, password, roles, agentId);
  }

  /** Creates a login in the tenant of the admin whose token this is. */
  Map<String, Object> createUser(String token, String username, String password, List<String> roles,
      String agentId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", username);
    body.put("password", password);
    body.put("roles", roles);
    if (agentId != null) {
      body.put("agentId", agentId);
    }
    HttpResponse<String> response = http.json("POST", "/api/v1/users", token, body);
    if (response.statusCode() != 201) {
      throw new AssertionError("Creating " + username + " answered " + response.statusCode() + ": " + response.body());
    }
    return Http.json(response.body());
  }

  /** A request to the admin API as the first admin. */
  HttpResponse<String> asAdmin(String method, String path, Object body) {
    return http.json(method, path, adminToken(), body);
  }

  /** An access token of the first admin (tenant {@code default}), got once by the password grant. */
  String adminToken() {
    if (adminToken == null) {
      adminToken = Tokens.accessToken(http, "admin", adminPassword());
    }
    return adminToken;
  }
}
