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
 */
public record StandaloneSettings(
    Path dataDir, String host, int kafkaPort, int controllerPort, int postgresPort,
    int gatewayPort, int routingPort, int callStatePort, int mediaPort, int sipPort) {

  /** The options a user may pass as {@code --name=value}, with their defaults. */
  static final Map<String, String> DEFAULTS = defaults();

  public StandaloneSettings {
    List<String> problems = new ArrayList<>();
    if (host == null || host.isBlank()) {
      problems.add("--host must not be blank");
    }
    checkPort(problems, "--kafka-port", kafkaPort);
    checkPort(problems, "--controller-port", controllerPort);
    checkPort(problems, "--postgres-port", postgresPort);
    checkPort(problems, "--gateway-port", gatewayPort);
    checkPort(problems, "--routing-port", routingPort);
    checkPort(problems, "--call-state-port", callStatePort);
    checkPort(problems, "--media-port", mediaPort);
    checkPort(problems, "--sip-port", sipPort);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
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
        port(values, "--media-port"), port(values, "--sip-port"));
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

  private static void checkPort(List<String> problems, String name, int port) {
    if (port < 1 || port > 65535) {
      problems.add(name + " must be between 1 and 65535, not " + port);
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
    return java.util.Collections.unmodifiableMap(defaults);
  }
}
