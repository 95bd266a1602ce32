package io.switchboard.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the standalone stack keeps its data and which loopback ports it uses.
 *
 * @param dataDir folder for the broker's log, the database and the routing state; kept across restarts
 * @param host address every server binds to
 * @param kafkaPort Kafka clients' port
 * @param controllerPort KRaft controller port
 * @param postgresPort PostgreSQL port
 * @param gatewayPort web UI, REST and WebSocket
 * @param routingPort routing-streams HTTP (health, metrics)
 * @param callStatePort call-state service HTTP
 * @param mediaPort media-bridge HTTP
 * @param sipPort SIP over UDP and TCP
 * @param identityPort the identity service: sign-in, tokens, logins
 */
public record StandaloneSettings(
    Path dataDir, String host, int kafkaPort, int controllerPort, int postgresPort,
    int gatewayPort, int routingPort, int callStatePort, int mediaPort, int sipPort, int identityPort) {

  /** The options a user may pass as {@code --name=value}, with their defaults. */
  static final Map<String, String> DEFAULTS = defaults();

  public StandaloneSettings {
    List<String> problems = new ArrayList<>();
    if (host == null || host.isBlank()) {
      problems.add("--host must not be blank");
    }
    List<ListenPort> ports = listenPorts(kafkaPort, controllerPort, postgresPort, gatewayPort, routingPort,
        callStatePort, mediaPort, sipPort, identityPort);
    Map<Integer, String> byNumber = new LinkedHashMap<>();
    for (ListenPort port : ports) {
      if (port.number() < 1 || port.number() > 65535) {
        problems.add(port.option() + " must be between 1 and 65535, not " + port.number());
      } else {
        String other = byNumber.putIfAbsent(port.number(), port.option());
        if (other != null) {
          problems.add(port.option() + " and " + other + " must differ, both are " + port.number());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Every port the stack listens on, in the order the services start. */
  public List<ListenPort> listenPorts() {
    return listenPorts(kafkaPort, controllerPort, postgresPort, gatewayPort, routingPort, callStatePort,
        mediaPort, sipPort, identityPort);
  }

  private static List<ListenPort> listenPorts(int kafkaPort, int controllerPort, int postgresPort,
      int gatewayPort, int routingPort, int callStatePort, int mediaPort, int sipPort, int identityPort) {
    return List.of(
        ListenPort.tcp("--postgres-port", "PostgreSQL", postgresPort),
        ListenPort.tcp("--kafka-port", "Kafka", kafkaPort),
        ListenPort.tcp("--controller-port", "the Kafka controller", controllerPort),
        ListenPort.tcp("--identity-port", "the identity service (sign-in, tokens)", identityPort),
        ListenPort.tcp("--routing-port", "routing-streams HTTP", routingPort),
        ListenPort.tcp("--call-state-port", "call-state HTTP", callStatePort),
        ListenPort.tcp("--media-port", "media-bridge HTTP", mediaPort),
        ListenPort.tcpAndUdp("--sip-port", "SIP", sipPort),
        ListenPort.tcp("--gateway-port", "the gateway (web UI, REST, WebSocket)", gatewayPort));
  }

  /**
   * Reads {@code --name=value} arguments; unknown names and bad numbers are refused with a message.
   */
  public static StandaloneSettings parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (!arg.startsWith("--") || eq < 0 || !values.containsKey(name)) {
        throw new IllegalArgumentException("Unknown option " + arg + "; known options: "
            + String.join(", ", DEFAULTS.keySet()) + " (each as --name=value)");
      }
      values.put(name, arg.substring(eq + 1));
    }
    return new StandaloneSettings(Path.of(values.get("--data-dir")).toAbsolutePath(), values.get("--host"),
        port(values, "--kafka-port"), port(values, "--controller-port"), port(values, "--postgres-port"),
        port(values, "--gateway-port"), port(values, "--routing-port"), port(values, "--call-state-port"),
        port(values, "--media-port"), port(values, "--sip-port"), port(values, "--identity-port"));
  }

  /** The identity service's issuer URL, as every token names it and every service checks it. */
  public String issuerUrl() {
    return "http://" + host + ":" + identityPort;
  }

  /** The identity service's token endpoint. */
  public String tokenUrl() {
    return issuerUrl() + "/oauth2/token";
  }

  public String kafkaBootstrap() {
    return host + ":" + kafkaPort;
  }

  private static int port(Map<String, String> values, String name) {
    try {
      return Integer.parseInt(values.get(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, not '" + values.get(name) + "'");
    }
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("--data-dir", "switchboard-data");
    defaults.put("--host", "127.0.0.1");
    defaults.put("--kafka-port", "9092");
    defaults.put("--controller-port", "9093");
    defaults.put("--postgres-port", "54320");
    defaults.put("--gateway-port", "8080");
    defaults.put("--routing-port", "8081");
    defaults.put("--call-state-port", "8082");
    defaults.put("--media-port", "8083");
    defaults.put("--sip-port", "5060");
    defaults.put("--identity-port", "8084");
    return java.util.Collections.unmodifiableMap(defaults);
  }
}
