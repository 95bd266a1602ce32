package io.switchboard.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OIDC token issuer for integration tests, one per test JVM (like {@link SharedKafka}): an
 * HTTP server on loopback serving {@code /.well-known/openid-configuration} and the JWKS of an RSA
 * key generated at start, and methods that mint RS256 access tokens, good ones and bad ones.
 *
 * <p>Tokens carry the claims the project's issuer puts in them: {@code iss}, {@code sub},
 * {@code aud} (default {@value #AUDIENCE}), {@code exp}, {@code iat}, {@code tenant}, {@code roles},
 * {@code agent_id} for agents and {@code preferred_username}.
 *
 * <p>Its token endpoint ({@link #tokenUri}) serves the client credentials grant to clients a test
 * registers ({@link #registerClient}), as the project's issuer does for services: their tokens have
 * no tenant and the roles of the client, {@code service} unless the test chooses others.
 */
public final class TestIssuer {

  /** The audience of every token minted here unless a test chooses another. */
  public static final String AUDIENCE = "switchboard";
  /** How long a token is valid unless a test chooses otherwise. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(TestIssuer.class);
  private static TestIssuer shared;

  private final HttpServer server;
  private final String issuer;
  private final RSAKey key;
  /** A key the issuer does not publish: tokens signed with it are forgeries. */
  private final RSAKey stranger;
  private final TokenEndpoint tokens = new TokenEndpoint(this);

  private TestIssuer() {
    try {
      key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
      stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot generate the issuer's RSA key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the test issuer", e);
    }
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
    server.createContext("/issuer/.well-known/openid-configuration", exchange -> json(exchange, discovery()));
    server.createContext("/issuer/jwks", exchange ->
        json(exchange, JSONObjectUtils.toJSONString(new JWKSet(key.toPublicJWK()).toJSONObject())));
    server.createContext("/issuer/token", tokens);
    server.start();
  }

  /** The issuer of this test JVM, started on first use and stopped when the JVM exits. */
  public static synchronized TestIssuer shared() {
    if (shared == null) {
      TestIssuer started = new TestIssuer();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> started.server.stop(0), "test-issuer-stop"));
      log.info("Test issuer up at {}", started.issuer);
      shared = started;
    }
    return shared;
  }

  /** The {@code iss} of its tokens; discovery is at this URI plus {@code /.well-known/openid-configuration}. */
  public String issuerUri() {
    return issuer;
  }

  public String jwkSetUri() {
    return issuer + "/jwks";
  }

  /** The token endpoint: {@code POST} with {@code grant_type=client_credentials}. */
  public String tokenUri() {
    return issuer + "/token";
  }

  /**
   * Registers (or replaces) a client of the token endpoint, whose tokens are valid for
   * {@link #LIFETIME} and carry {@code roles}, or the role {@code service} when none are given.
   */
  public void registerClient(String clientId, String clientSecret, String... roles) {
    registerClient(clientId, clientSecret, LIFETIME, roles);
  }

  /** Like {@link #registerClient(String, String, String...)}, with tokens valid for {@code lifetime}. */
  public void registerClient(String clientId, String clientSecret, Duration lifetime, String... roles) {
    tokens.register(clientId, new TokenEndpoint.Client(clientSecret, lifetime,
        List.of(roles.length == 0 ? new String[] {"service"} : roles)));
  }

  /** How many tokens the endpoint has issued to {@code clientId} since it was registered. */
  public int tokensIssued(String clientId) {
    return tokens.issued(clientId);
  }

  /** A valid token like the token endpoint's for service client {@code clientId}: no tenant, role {@code service}. */
  public String serviceToken(String clientId) {
    return mint(claims(null, clientId, null, "service").claim("client_id", clientId));
  }

  /** A valid token for a caller of {@code tenant} with {@code roles}, without an agent id. */
  public String token(String tenant, String subject, String... roles) {
    return mint(claims(tenant, subject, null, roles));
  }

  /** A valid token for agent {@code agentId} of {@code tenant}, role {@code agent}. */
  public String agentToken(String tenant, String agentId) {
    return mint(claims(tenant, "user-" + agentId, agentId, "agent"));
  }

  /**
   * The claims of a valid token, to change before {@link #mint}: {@code iss}, {@code sub},
   * {@code aud}, {@code iat}, {@code exp}, {@code jti}, {@code tenant}, {@code roles},
   * {@code preferred_username}, {@code tenant} when {@code tenant} is not null and {@code agent_id}
   * when {@code agentId} is not null.
   */
  public JWTClaimsSet.Builder claims(String tenant, String subject, String agentId, String... roles) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(AUDIENCE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME)))
        .jwtID(UUID.randomUUID().toString())
        .claim("roles", List.of(roles))
        .claim("preferred_username", subject);
    if (tenant != null) {
      claims.claim("tenant", tenant);
    }
    if (agentId != null) {
      claims.claim("agent_id", agentId);
    }
    return claims;
  }

  /** Signs any claims with the published key, RS256. */
  public String mint(JWTClaimsSet.Builder claims) {
    return sign(key, claims.build());
  }

  /** A token like {@link #token}, changed by {@code change} before it is signed. */
  public String token(String tenant, String subject, UnaryOperator<JWTClaimsSet.Builder> change, String... roles) {
    return mint(change.apply(claims(tenant, subject, null, roles)));
  }

  /** Well formed and with the right key id, but signed by a key the issuer never published. */
  public String forged(String tenant, String subject, String... roles) {
    return sign(stranger, claims(tenant, subject, null, roles).build());
  }

  /** Expired an hour ago (far beyond any clock skew). */
  public String expired(String tenant, String subject, String... roles) {
    Instant past = Instant.now().minus(Duration.ofHours(1));
    return mint(claims(tenant, subject, null, roles)
        .issueTime(Date.from(past.minus(LIFETIME)))
        .expirationTime(Date.from(past)));
  }

  /** Unsigned: header {@code {"alg":"none"}} and an empty signature. */
  public String unsigned(String tenant, String subject, String... roles) {
    return new PlainJWT(claims(tenant, subject, null, roles).build()).serialize();
  }

  /** Signed and valid, but without the {@code tenant} claim. */
  public String withoutTenant(String subject, String... roles) {
    return mint(claims(null, subject, null, roles));
  }

  /** Signed and valid, but for {@code audience} instead of {@value #AUDIENCE}. */
  public String forAudience(String audience, String tenant, String subject, String... roles) {
    return mint(claims(tenant, subject, null, roles).audience(audience));
  }

  /** Signed with the published key, but naming another issuer in {@code iss}. */
  public String fromIssuer(String otherIssuer, String tenant, String subject, String... roles) {
    return mint(claims(tenant, subject, null, roles).issuer(otherIssuer));
  }

  private static String sign(RSAKey with, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new RSASSASigner(with));
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a test token", e);
    }
    return jwt.serialize();
  }

  private String discovery() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuer);
    doc.put("jwks_uri", jwkSetUri());
    doc.put("authorization_endpoint", issuer + "/authorize");
    doc.put("token_endpoint", tokenUri());
    doc.put("grant_types_supported", List.of("client_credentials"));
    doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
    doc.put("response_types_supported", List.of("code"));
    doc.put("subject_types_supported", List.of("public"));
    doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    return JSONObjectUtils.toJSONString(doc);
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
