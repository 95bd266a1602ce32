package io.switchboard.gateway.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The service credential the gateway presents to call-state and routing: an access token obtained
 * with the OAuth2 client credentials grant, kept until shortly before it expires. Token URI, client
 * id and secret go together; with none of them the gateway calls without a credential (and a
 * secured call-state or routing answers 401, which the gateway turns into 503).
 *
 * @param tokenUri the issuer's token endpoint, e.g. {@code http://identity:9000/oauth2/token}
 * @param clientId the gateway's client id at the issuer
 * @param clientSecret the gateway's client secret
 * @param scope scopes to ask for, space-separated; empty for none (Entra ID wants {@code api://…/.default})
 * @param authenticationMethod how the client authenticates at the token endpoint: HTTP Basic
 *     ({@code client_secret_basic}, the default) or in the form ({@code client_secret_post})
 * @param timeout connect and response timeout of a token request
 */
@Validated
@ConfigurationProperties("switchboard.gateway.service-client")
public record ServiceClientProperties(
    @Pattern(regexp = "|https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an http(s) URL") String tokenUri,
    String clientId,
    String clientSecret,
    String scope,
    @NotNull @DefaultValue("client_secret_basic") AuthenticationMethod authenticationMethod,
    @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("5s") Duration timeout) {

  /** Client authentication at the token endpoint (RFC 6749 §2.3.1). */
  public enum AuthenticationMethod { CLIENT_SECRET_BASIC, CLIENT_SECRET_POST }

  public ServiceClientProperties {
    boolean any = !empty(tokenUri) || !empty(clientId) || !empty(clientSecret);
    if (any && (empty(tokenUri) || empty(clientId) || empty(clientSecret))) {
      throw new IllegalArgumentException("switchboard.gateway.service-client.token-uri, client-id and client-secret "
          + "go together: set all three, or none to call call-state and routing without a credential");
    }
  }

  /** Whether a credential is configured. */
  public boolean configured() {
    return !empty(tokenUri);
  }

  private static boolean empty(String value) {
    return value == null || value.isBlank();
  }
}
