package io.switchboard.gateway.web;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Puts the gateway's service token on each request to call-state and routing. The token is the
 * gateway's own, never its caller's: it is requested for one fixed principal, so one token serves
 * every request until shortly before it expires. A 401 from the service drops it, so the next
 * request fetches a new one (the issuer may have rotated its keys). No token to be had, or a
 * service refusing the gateway's credential (401, 403), is a 503: the gateway's problem, not its
 * caller's, whose own token is fine.
 */
public final class ServiceCredentials implements ExchangeFilterFunction {

  static final String REGISTRATION = "switchboard-service";
  static final String PRINCIPAL = "signaling-gateway";

  private final ReactiveOAuth2AuthorizedClientManager manager;
  private final ReactiveOAuth2AuthorizedClientService tokens;
  private final String tokenUri;

  ServiceCredentials(ReactiveOAuth2AuthorizedClientManager manager, ReactiveOAuth2AuthorizedClientService tokens,
      String tokenUri) {
    this.manager = manager;
    this.tokens = tokens;
    this.tokenUri = tokenUri;
  }

  /** No credential: requests go as they are. */
  public static ServiceCredentials none() {
    return new ServiceCredentials(null, null, null);
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    if (manager == null) {
      return next.exchange(request).flatMap(response -> refused(request, response,
          "the gateway has no service credential (switchboard.gateway.service-client.*)"));
    }
    return manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(PRINCIPAL).build())
        .switchIfEmpty(Mono.error(() -> new IllegalStateException("the token endpoint gave no token")))
        .onErrorMap(error -> ApiException.unavailable("No service token from " + tokenUri + ": " + error.getMessage()))
        .flatMap(client -> next.exchange(ClientRequest.from(request)
            .headers(headers -> headers.setBearerAuth(client.getAccessToken().getTokenValue()))
            .build()))
        .flatMap(response -> response.statusCode().value() == 401
            ? tokens.removeAuthorizedClient(REGISTRATION, PRINCIPAL).then(refused(request, response,
                "its token was refused; the next request fetches another"))
            : refused(request, response, "its token lacks the role service"));
  }

  /** The response, unless it is a 401 or 403: then a 503 saying why. */
  private static Mono<ClientResponse> refused(ClientRequest request, ClientResponse response, String why) {
    int status = response.statusCode().value();
    if (status != 401 && status != 403) {
      return Mono.just(response);
    }
    String service = request.url().getScheme() + "://" + request.url().getAuthority();
    return response.releaseBody().then(Mono.error(ApiException.unavailable(
        "The service at " + service + " refused the gateway (" + status + "): " + why)));
  }
}
