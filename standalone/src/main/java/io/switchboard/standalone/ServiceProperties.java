package io.switchboard.standalone;

import java.util.HashMap;
import java.util.Map;

/** The configuration each service gets inside the standalone process. */
final class ServiceProperties {

  private ServiceProperties() {}

  static Map<String, Object> of(String service, StandaloneSettings settings, EmbeddedDatabase database) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("switchboard.kafka.bootstrap-servers", settings.kafkaBootstrap());
    properties.put("switchboard.instance-id", service + "-standalone");
    properties.put("server.address", settings.host());
    switch (service) {
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
        properties.put("spring.autoconfigure.exclude", StandaloneStack.noDatabase());
      }
      default -> throw new IllegalArgumentException("Unknown service " + service);
    }
    return properties;
  }
}
