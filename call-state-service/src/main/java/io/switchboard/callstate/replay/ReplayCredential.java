package io.switchboard.callstate.replay;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service credential the replay command presents: a bearer token given as it is, or one fetched
 * from the issuer's token endpoint with the client credentials grant (HTTP Basic client
 * authentication) and fetched again shortly before it expires, since a replay can outlast a token.
 */
abstract sealed class ReplayCredential {

  /** Fetches a new token once the current one has less than this left. */
  private static final Duration REFRESH_BEFORE = Duration.ofSeconds(30);

  /** The {@code Authorization} header value, or null for none. */
  abstract String authorization() throws IOException, InterruptedException;

  static ReplayCredential none() {
    return new None();
  }

  static ReplayCredential bearer(String token) {
    return new Given(token);
  }

  static ReplayCredential clientCredentials(HttpClient http, URI tokenUri, String clientId, String clientSecret,
      Clock clock) {
    return new Fetched(http, tokenUri, clientId, clientSecret, clock);
  }

  private static final class None extends ReplayCredential {
    @Override
    String authorization() {
      return null;
    }
  }

  private static final class Given extends ReplayCredential {
    private final String token;

    Given(String token) {
      this.token = token;
    }

    @Override
    String authorization() {
      return "Bearer " + token;
    }
  }

  private static final class Fetched extends ReplayCredential {
    private final HttpClient http;
    private final URI tokenUri;
    private final String basic;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private String token;
    private Instant refreshAt = Instant.MIN;

    Fetched(HttpClient http, URI tokenUri, String clientId, String clientSecret, Clock clock) {
      this.http = http;
      this.tokenUri = tokenUri;
      // RFC 6749 §2.3.1: each part form-encoded, then joined and base64-encoded.
      this.basic = "Basic " + Base64.getEncoder().encodeToString((form(clientId) + ":" + form(clientSecret))
          .getBytes(StandardCharsets.UTF_8));
      this.clock = clock;
    }

    @Override
    String authorization() throws IOException, InterruptedException {
      if (token == null || !clock.instant().isBefore(refreshAt)) {
        fetch();
      }
      return "Bearer " + token;
    }

    private void fetch() throws IOException, InterruptedException {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(30))
          .header("Authorization", basic)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new CredentialException("the token endpoint " + tokenUri + " answered " + response.statusCode() + ": "
            + response.body());
      }
      JsonNode body = json.readTree(response.body());
      if (!body.path("access_token").isString()) {
        throw new CredentialException("the token endpoint " + tokenUri + " answered no access_token");
      }
      token = body.path("access_token").asString();
      long lifetime = body.path("expires_in").asLong(60);
      refreshAt = clock.instant().plusSeconds(lifetime).minus(REFRESH_BEFORE);
    }
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** No token could be had: the command exits with 2. */
  static final class CredentialException extends IOException {
    CredentialException(String message) {
      super(message);
    }
  }
}
