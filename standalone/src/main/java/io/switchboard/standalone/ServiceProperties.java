package io.switchboard.standalone;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The configuration each service gets inside the standalone process. */
final class ServiceProperties {

  private ServiceProperties() {}

  /** The identity service's clients for the services of the stack, each with a secret of its own. */
  static final String GATEWAY_CLIENT = "signaling-gateway";
  /** The client of {@code ./switchboard replay}, a command run beside the stack. */
  static final String REPLAY_CLIENT = "switchboard-replay";
  static final List<String> SERVICE_CLIENTS = List.of(GATEWAY_CLIENT, REPLAY_CLIENT);
  /** The gateway's key for the customer tokens it signs in exchange for widget keys (32 random bytes). */
  static final String CUSTOMER_TOKENS = "customer-tokens";
  /** Every secret the stack makes on its first start and keeps in its data folder. */
  static final List<String> SECRETS = List.of(GATEWAY_CLIENT, REPLAY_CLIENT, CUSTOMER_TOKENS);

  static Map<String, Object> of(String service, StandaloneSettings settings, EmbeddedDatabase database,
      ServiceSecrets secrets) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("switchboard.kafka.bootstrap-servers", settings.kafkaBootstrap());
    properties.put("switchboard.instance-id", service + "-standalone");
    properties.put("server.address", settings.host());
    // Every service checks the tokens of the stack's own issuer.
    properties.put("switchboard.security.issuer-uri", settings.issuerUrl());
    if (!service.equals("signaling-gateway")) {
      // springdoc is on the one classpath for the gateway's API documentation only.
      properties.put("springdoc.api-docs.enabled", false);
      properties.put("springdoc.swagger-ui.enabled", false);
    }
    switch (service) {
      case "identity-service" -> {
        properties.put("server.port", settings.identityPort());
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", EmbeddedDatabase.USER);
        properties.put("spring.datasource.password", EmbeddedDatabase.PASSWORD);
        properties.put("switchboard.identity.token.issuer", settings.issuerUrl());
        properties.put("switchboard.identity.initial-admin-password-file",
            settings.dataDir().resolve("identity").resolve("initialAdminPassword").toString());
        String gateway = "http://" + settings.host() + ":" + settings.gatewayPort();
        properties.put("switchboard.identity.clients.web.redirect-uris[0]", gateway + "/login/callback");
        properties.put("switchboard.identity.clients.web.post-logout-redirect-uris[0]", gateway + "/");
        // The web UI's pages, served by the gateway, call the token endpoint and the admin API.
        properties.put("switchboard.identity.clients.web.allowed-origins[0]", gateway);
        for (int i = 0; i < SERVICE_CLIENTS.size(); i++) {
          properties.put("switchboard.identity.clients.services[" + i + "].client-id", SERVICE_CLIENTS.get(i));
          properties.put("switchboard.identity.clients.services[" + i + "].secret", secrets.secret(SERVICE_CLIENTS.get(i)));
        }
      }
      case "routing-streams" -> {
        properties.put("server.port", settings.routingPort());
        properties.put("switchboard.routing.state-dir", settings.dataDir().resolve("streams").toString());
        properties.put("spring.autoconfigure.exclude", StandaloneStack.noDatabase());
      }
      case "call-state-service" -> {
        properties.put("server.port", settings.callStatePort());
        properties.put("spring.r2dbc.url", database.r2dbcUrl());
        properties.put("spring.r2dbc.username", EmbeddedDatabase.USER);
        properties.put("spring.r2dbc.password", EmbeddedDatabase.PASSWORD);
        properties.put("spring.flyway.url", database.jdbcUrl());
        properties.put("spring.flyway.user", EmbeddedDatabase.USER);
        properties.put("spring.flyway.password", EmbeddedDatabase.PASSWORD);
      }
      case "media-bridge" -> {
        properties.put("server.port", settings.mediaPort());
        properties.put("switchboard.media.sip.host", settings.host());
        properties.put("switchboard.media.sip.port", settings.sipPort());
        properties.put("spring.autoconfigure.exclude", StandaloneStack.noDatabase());
      }
      case "signaling-gateway" -> {
        properties.put("server.port", settings.gatewayPort());
        properties.put("switchboard.gateway.call-state-url",
            "http://" + settings.host() + ":" + settings.callStatePort());
        properties.put("switchboard.gateway.routing-url", "http://" + settings.host() + ":" + settings.routingPort());
        properties.put("switchboard.gateway.security.issuer-uri", settings.issuerUrl());
        properties.put("switchboard.gateway.service-client.token-uri", settings.tokenUrl());
        properties.put("switchboard.gateway.service-client.client-id", GATEWAY_CLIENT);
        properties.put("switchboard.gateway.service-client.client-secret", secrets.secret(GATEWAY_CLIENT));
        properties.put("switchboard.gateway.customer-tokens.secret", secrets.secret(CUSTOMER_TOKENS));
        properties.put("switchboard.gateway.ui.issuer-url", settings.issuerUrl());
        properties.put("spring.autoconfigure.exclude", StandaloneStack.noDatabase());
      }
      default -> throw new IllegalArgumentException("Unknown service " + service);
    }
    return properties;
  }
}
