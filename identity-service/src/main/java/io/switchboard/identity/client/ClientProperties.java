package io.switchboard.identity.client;

import io.switchboard.identity.user.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The OAuth2 clients this issuer knows, all registered from configuration.
 *
 * @param web the web UI, {@code switchboard-web}
 * @param cli the command-line client, {@code switchboard-cli}
 * @param services the services that get tokens of their own with client credentials
 */
@Validated
@ConfigurationProperties("switchboard.identity.clients")
public record ClientProperties(@Valid @NotNull Web web, @Valid @NotNull @DefaultValue Cli cli,
    @DefaultValue List<@Valid @NotNull Service> services) {

  /**
   * The public web UI client: authorization code with PKCE (S256), refresh tokens, OIDC scopes.
   *
   * @param redirectUris where the authorization endpoint may send a code; exact matches only
   * @param postLogoutRedirectUris where the OIDC logout endpoint may send the browser afterwards
   * @param allowedOrigins the origins of the web UI's pages ({@code http(s)://host[:port]}), which may
   *     call the token endpoint and the admin API from the browser (CORS); none by default
   */
  public record Web(@NotEmpty List<@NotNull URI> redirectUris,
      @DefaultValue List<@NotNull URI> postLogoutRedirectUris,
      @DefaultValue List<@NotNull @Pattern(regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
          message = "must be an origin like https://host[:port]") String> allowedOrigins) {}

  /**
   * The public command-line client.
   *
   * @param passwordGrant whether it may trade a username and password for tokens (the resource-owner
   *     password grant, Keycloak's "direct access grants"): what lets a newcomer get a token with curl
   */
  public record Cli(@DefaultValue("true") boolean passwordGrant) {}

  /**
   * A confidential service client.
   *
   * @param clientId its client id
   * @param secret its secret, in plain text or already encoded ({@code {bcrypt}...}); only a hash is kept
   */
  public record Service(
      @NotNull @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE)
      String clientId,
      @NotNull @Size(min = 16, message = "must be at least 16 characters") String secret) {

    @Override
    public String toString() {
      return "Service[clientId=" + clientId + ", secret=(hidden)]";
    }
  }
}
