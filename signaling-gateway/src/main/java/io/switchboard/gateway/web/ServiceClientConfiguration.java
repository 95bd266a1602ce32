package io.switchboard.gateway.web;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateway's service credential towards call-state and routing ({@link ServiceCredentials}),
 * from {@link ServiceClientProperties}. The client registration and the token store are private to
 * this filter, not beans, so that they stay apart from the gateway's own security.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceClientProperties.class)
public class ServiceClientConfiguration {

  /** A token is fetched again once it has less than this left. */
  static final Duration REFRESH_BEFORE = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(ServiceClientConfiguration.class);

  @Bean
  TokenConnections tokenConnections() {
    return new TokenConnections(ConnectionProvider.create("service-token", 4));
  }

  @Bean
  ServiceCredentials serviceCredentials(ServiceClientProperties properties, TokenConnections connections) {
    if (!properties.configured()) {
      log.warn("switchboard.gateway.service-client is not set: calls to call-state and routing carry no credential, "
          + "and services that require one will refuse them");
      return ServiceCredentials.none();
    }
    ClientRegistration.Builder registration = ClientRegistration.withRegistrationId(ServiceCredentials.REGISTRATION)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .tokenUri(properties.tokenUri())
        .clientId(properties.clientId())
        .clientSecret(properties.clientSecret())
        .clientAuthenticationMethod(
            properties.authenticationMethod() == ServiceClientProperties.AuthenticationMethod.CLIENT_SECRET_POST
                ? ClientAuthenticationMethod.CLIENT_SECRET_POST : ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
    if (properties.scope() != null && !properties.scope().isBlank()) {
      registration.scope(properties.scope().trim().split("\\s+"));
    }
    InMemoryReactiveClientRegistrationRepository registrations =
        new InMemoryReactiveClientRegistrationRepository(registration.build());
    InMemoryReactiveOAuth2AuthorizedClientService tokens =
        new InMemoryReactiveOAuth2AuthorizedClientService(registrations);

    WebClientReactiveClientCredentialsTokenResponseClient tokenRequests =
        new WebClientReactiveClientCredentialsTokenResponseClient();
    tokenRequests.setWebClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(
        HttpClient.create(connections.provider())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
            .responseTimeout(properties.timeout()))).build());
    ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider =
        new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
    provider.setAccessTokenResponseClient(tokenRequests);
    provider.setClockSkew(REFRESH_BEFORE);
    AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations, tokens);
    manager.setAuthorizedClientProvider(provider);
    return new ServiceCredentials(manager, tokens, properties.tokenUri());
  }

  /** The token requests' connection pool, released with the context. */
  record TokenConnections(ConnectionProvider provider) implements AutoCloseable {
    @Override
    public void close() {
      provider.dispose();
    }
  }
}
