package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokensIT {

  private static final String REDIRECT = "http://127.0.0.1:9/callback";
  private static final String PASSWORD = "a-long-enough-password";

  @RegisterExtension static final RunningIssuer issuer = new RunningIssuer();

  @Test
  void aServiceClientGetsAServiceTokenWithoutTenant() throws Exception {
    Map<String, Object> response =
        Tokens.ok(Tokens.clientCredentials(issuer.http(), "signaling-gateway", TestIssuer.SERVICE_SECRET));

    JWTClaimsSet claims = Tokens.verified(issuer.http(), response.get("access_token").toString());
    assertThat(claims.getIssuer()).isEqualTo(issuer.url());
    assertThat(claims.getSubject()).isEqualTo("signaling-gateway");
    assertThat(claims.getAudience()).containsExactly("switchboard");
    assertThat(claims.getStringListClaim("roles")).containsExactly("service");
    assertThat(claims.getClaim("tenant")).isNull();
    assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aWrongServiceSecretGetsNoToken() {
    HttpResponse<String> response =
        Tokens.clientCredentials(issuer.http(), "signaling-gateway", "not-the-secret-at-all");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("invalid_client");
  }

  @Test
  void thePasswordGrantGivesAnAgentItsTenantRolesAndAgentId() throws Exception {
    String username = "agent-" + UUID.randomUUID();
    Map<String, Object> user = issuer.createUser(username, PASSWORD, List.of("agent"), "a-17");

    Map<String, Object> response = Tokens.ok(Tokens.passwordGrant(issuer.http(), username, PASSWORD));

    JWTClaimsSet claims = Tokens.verified(issuer.http(), response.get("access_token").toString());
    assertThat(claims.getSubject()).isEqualTo(user.get("id"));
    assertThat(claims.getStringClaim("tenant")).isEqualTo("default");
    assertThat(claims.getStringListClaim("roles")).containsExactly("agent");
    assertThat(claims.getStringClaim("agent_id")).isEqualTo("a-17");
    assertThat(claims.getStringClaim("preferred_username")).isEqualTo(username);
    assertThat(claims.getAudience()).containsExactly("switchboard");
    assertThat(response).containsKey("refresh_token").containsEntry("token_type", "Bearer");
  }

  @Test
  void theCliRefreshesItsTokenAndTheOldRefreshTokenIsSpent() {
    String username = "sup-" + UUID.randomUUID();
    issuer.createUser(username, PASSWORD, List.of("supervisor"), null);
    String refresh = Tokens.ok(Tokens.passwordGrant(issuer.http(), username, PASSWORD)).get("refresh_token").toString();

    Map<String, Object> refreshed = Tokens.ok(refresh("switchboard-cli", refresh));
    HttpResponse<String> again = refresh("switchboard-cli", refresh);

    assertThat(Tokens.verified(issuer.http(), refreshed.get("access_token").toString()).getClaim("tenant"))
        .isEqualTo("default");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("invalid_grant");
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
    HttpResponse<String> wrongPassword = Tokens.passwordGrant(issuer.http(), "admin", "not-the-password");
    HttpResponse<String> unknownUser =
        Tokens.passwordGrant(issuer.http(), "nobody-" + UUID.randomUUID(), "not-the-password");

    assertThat(wrongPassword.statusCode()).isEqualTo(400);
    assertThat(unknownUser.statusCode()).isEqualTo(400);
    assertThat(unknownUser.body()).isEqualTo(wrongPassword.body()).contains("invalid_grant");
  }

  @Test
  void aDisabledUserGetsNoTokenAndCannotLogIn() {
    String username = "gone-" + UUID.randomUUID();
    issuer.createUser(username, PASSWORD, List.of("customer"), null);
    String refresh = Tokens.ok(Tokens.passwordGrant(issuer.http(), username, PASSWORD)).get("refresh_token").toString();
    assertThat(issuer.asAdmin("PATCH", "/api/v1/users/" + username, Map.of("enabled", false)).statusCode())
        .isEqualTo(200);

    HttpResponse<String> grant = Tokens.passwordGrant(issuer.http(), username, PASSWORD);
    HttpResponse<String> refreshed = refresh("switchboard-cli", refresh);
    Http disabledBrowser = issuer.http().another();
    Http unknownBrowser = issuer.http().another();
    HttpResponse<String> login = formLogin(disabledBrowser, username, PASSWORD);
    HttpResponse<String> unknownLogin = formLogin(unknownBrowser, "nobody-" + UUID.randomUUID(), PASSWORD);

    assertThat(grant.statusCode()).isEqualTo(400);
    assertThat(grant.body()).contains("Invalid username or password");
    assertThat(refreshed.statusCode()).isEqualTo(400);
    assertThat(login.headers().firstValue("Location"))
        .hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
    assertThat(unknownLogin.headers().firstValue("Location")).isEqualTo(login.headers().firstValue("Location"));
    String disabledPage = withoutCsrf(disabledBrowser.get("/login?error", "Accept", "text/html").body());
    assertThat(disabledPage).contains("Invalid credentials")
        .isEqualTo(withoutCsrf(unknownBrowser.get("/login?error", "Accept", "text/html").body()));
  }

  private static String withoutCsrf(String page) {
    return page.replaceAll("name=\"_csrf\"[^>]*value=\"[^\"]+\"", "");
  }

  @Test
  void theWebClientGetsTokensByAuthorizationCodeWithPkce() throws Exception {
    String username = "web-" + UUID.randomUUID();
    Map<String, Object> user = issuer.createUser(username, PASSWORD, List.of("agent", "supervisor"),
        "web-agent-1");
    Http browser = issuer.http().another();
    String verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();

    String code = authorize(browser, username, challenge(verifier));
    Map<String, Object> tokens = Tokens.ok(exchange(code, verifier));

    JWTClaimsSet access = Tokens.verified(issuer.http(), tokens.get("access_token").toString());
    assertThat(access.getSubject()).isEqualTo(user.get("id"));
    assertThat(access.getStringClaim("tenant")).isEqualTo("default");
    assertThat(access.getStringListClaim("roles")).containsExactly("agent", "supervisor");
    assertThat(access.getStringClaim("agent_id")).isEqualTo("web-agent-1");
    JWTClaimsSet id = Tokens.verified(issuer.http(), tokens.get("id_token").toString());
    assertThat(id.getAudience()).containsExactly("switchboard-web");
    assertThat(id.getSubject()).isEqualTo(user.get("id"));
    assertThat(id.getStringClaim("preferred_username")).isEqualTo(username);
    Map<String, Object> refreshed = Tokens.ok(refresh("switchboard-web", tokens.get("refresh_token").toString()));
    assertThat(Tokens.verified(issuer.http(), refreshed.get("id_token").toString()).getSubject())
        .isEqualTo(user.get("id"));
    assertThat(access.getExpirationTime().toInstant()).isAfter(Instant.now());
  }

  @Test
  void aWrongPkceVerifierIsRefused() {
    String username = "pkce-" + UUID.randomUUID();
    issuer.createUser(username, PASSWORD, List.of("customer"), null);
    String verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();

    String code = authorize(issuer.http().another(), username, challenge(verifier));
    HttpResponse<String> response = exchange(code, "another-verifier-" + UUID.randomUUID() + UUID.randomUUID());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("invalid_grant");
  }

  /** Drives the browser's part: authorize, the login form with its CSRF token, back to authorize, the code. */
  private static String authorize(Http browser, String username, String challenge) {
    String authorize = "/oauth2/authorize?response_type=code&client_id=switchboard-web&scope=openid%20profile"
        + "&state=s-1&code_challenge_method=S256&code_challenge=" + challenge
        + "&redirect_uri=" + Http.encode(REDIRECT);
    HttpResponse<String> first = browser.get(authorize, "Accept", "text/html");
    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(first.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));

    HttpResponse<String> loggedIn = formLogin(browser, username, PASSWORD);
    assertThat(loggedIn.statusCode()).isEqualTo(302);
    String back = loggedIn.headers().firstValue("Location").orElseThrow();
    assertThat(back).contains("/oauth2/authorize");

    HttpResponse<String> redirect = browser.get(back, "Accept", "text/html");
    assertThat(redirect.statusCode()).isEqualTo(302);
    URI callback = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(callback.toString()).startsWith(REDIRECT);
    assertThat(callback.getQuery()).contains("state=s-1");
    Matcher code = Pattern.compile("code=([^&]+)").matcher(callback.getRawQuery());
    assertThat(code.find()).as("a code in %s", callback).isTrue();
    return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
  }

  static HttpResponse<String> formLogin(Http browser, String username, String password) {
    HttpResponse<String> page = browser.get("/login", "Accept", "text/html");
    Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).as("a CSRF field in the login page").isTrue();
    return browser.postForm("/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)),
        "Accept", "text/html");
  }

  private static HttpResponse<String> exchange(String code, String verifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("client_id", "switchboard-web");
    form.put("code", code);
    form.put("redirect_uri", REDIRECT);
    form.put("code_verifier", verifier);
    return issuer.http().postForm("/oauth2/token", form);
  }

  private static HttpResponse<String> refresh(String clientId, String refreshToken) {
    return issuer.http().postForm("/oauth2/token", Map.of("grant_type", "refresh_token", "client_id", clientId,
        "refresh_token", refreshToken));
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
