package io.switchboard.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logins and tokens from a running stack's own identity service, the way the README tells a user to
 * get them: the admin's generated password from the data folder, the password grant of the
 * {@code switchboard-cli} client, and the admin API for other logins.
 */
final class Logins {

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final StandaloneSettings settings;

  Logins(StandaloneSettings settings) {
    this.settings = settings;
  }

  /** The first admin's password, as the first start wrote it into the data folder. */
  String adminPassword() {
    try {
      return Files.readString(settings.dataDir().resolve("identity").resolve("initialAdminPassword")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String adminToken() {
    return token("admin", adminPassword());
  }

  /** An access token for a login, by the password grant. */
  String token(String username, String password) {
    String form = "grant_type=password&client_id=switchboard-cli&username=" + encode(username)
        + "&password=" + encode(password);
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("No token for " + username + ": " + response.statusCode() + " " + response.body());
    }
    return json.readTree(response.body()).path("access_token").asString();
  }

  /** Makes a login of the admin's tenant; {@code agentId} only for agents. */
  void create(String adminToken, String username, String password, List<String> roles, String agentId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", username);
    body.put("password", password);
    body.put("roles", roles);
    if (agentId != null) {
      body.put("agentId", agentId);
    }
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/api/v1/users"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + adminToken)
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("Cannot create " + username + ": " + response.statusCode() + " " + response.body());
    }
  }

  /** Makes an API key of the admin's tenant; answers its client id and its secret. */
  Map.Entry<String, String> apiKey(String adminToken, String name, List<String> roles) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/api/v1/api-keys"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + adminToken)
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("name", name, "roles", roles)))));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("Cannot create key " + name + ": " + response.statusCode() + " " + response.body());
    }
    var key = json.readTree(response.body());
    return Map.entry(key.path("clientId").asString(), key.path("clientSecret").asString());
  }

  /** An access token of an API key, by the client credentials grant (HTTP Basic), as a script gets one. */
  String keyToken(Map.Entry<String, String> key) {
    String basic = java.util.Base64.getEncoder().encodeToString(
        (key.getKey() + ":" + key.getValue()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("No token for key " + key.getKey() + ": " + response.statusCode() + " "
          + response.body());
    }
    return json.readTree(response.body()).path("access_token").asString();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
