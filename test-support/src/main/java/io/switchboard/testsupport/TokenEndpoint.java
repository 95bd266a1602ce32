package io.switchboard.testsupport;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link TestIssuer}'s token endpoint for the client credentials grant (RFC 6749 §4.4): the
 * client authenticates with HTTP Basic ({@code client_secret_basic}) or with {@code client_id} and
 * {@code client_secret} in the form ({@code client_secret_post}), and gets an access token without a
 * tenant, for its roles. Errors are RFC 6749 §5.2 JSON bodies.
 */
final class TokenEndpoint implements HttpHandler {

  /** A registered client: its secret, the lifetime of its tokens and its roles. */
  record Client(String secret, Duration lifetime, List<String> roles) {}

  private final TestIssuer issuer;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();

  TokenEndpoint(TestIssuer issuer) {
    this.issuer = issuer;
  }

  void register(String clientId, Client client) {
    clients.put(clientId, client);
    issued.remove(clientId);
  }

  int issued(String clientId) {
    AtomicInteger count = issued.get(clientId);
    return count == null ? 0 : count.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().add("Allow", "POST");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String basic = exchange.getRequestHeaders().getFirst("Authorization");
      String clientId;
      String secret;
      if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
        if (form.containsKey("client_secret")) {
          error(exchange, 400, "invalid_request", "Use one client authentication method, not two");
          return;
        }
        String[] pair = decodeBasic(basic.substring(6).trim());
        if (pair == null) {
          error(exchange, 401, "invalid_client", "Malformed Basic credentials");
          return;
        }
        clientId = pair[0];
        secret = pair[1];
      } else {
        clientId = form.get("client_id");
        secret = form.get("client_secret");
      }
      Client client = clientId == null ? null : clients.get(clientId);
      if (client == null || !Objects.equals(client.secret(), secret)) {
        if (basic != null) {
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test-issuer\"");
        }
        error(exchange, 401, "invalid_client", "Unknown client or wrong secret");
        return;
      }
      if (!"client_credentials".equals(form.get("grant_type"))) {
        error(exchange, 400, "unsupported_grant_type", "Only client_credentials is supported");
        return;
      }
      Date now = new Date();
      String token = issuer.mint(issuer.claims(null, clientId, null, client.roles().toArray(String[]::new))
          .claim("client_id", clientId)
          .issueTime(now)
          .expirationTime(new Date(now.getTime() + client.lifetime().toMillis())));
      issued.computeIfAbsent(clientId, id -> new AtomicInteger()).incrementAndGet();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("access_token", token);
      body.put("token_type", "Bearer");
      body.put("expires_in", client.lifetime().toSeconds());
      if (form.containsKey("scope")) {
        body.put("scope", form.get("scope"));
      }
      send(exchange, 200, JSONObjectUtils.toJSONString(body));
    }
  }

  /** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
  private static String[] decodeBasic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? null : new String[] {decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1))};
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (!pair.isEmpty()) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        form.put(decode(name), equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    return form;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static void error(HttpExchange exchange, int status, String code, String description) throws IOException {
    send(exchange, status, JSONObjectUtils.toJSONString(Map.of("error", code, "error_description", description)));
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
