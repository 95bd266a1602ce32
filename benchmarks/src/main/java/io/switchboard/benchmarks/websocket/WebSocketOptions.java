package io.switchboard.benchmarks.websocket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one run, from {@code --name=value} arguments. Options named {@code gateway.<property>}
 * go to the gateway as {@code --<property>=value}, e.g.
 * {@code --gateway.switchboard.gateway.ws.send-buffer=64}.
 *
 * @param clients agents' sessions opened on each server, one agent each
 * @param tenants tenants the agents spread over
 * @param rate pushes per second, each to a random session
 * @param seconds length of the measured push phase
 * @param warmupSeconds unmeasured pushes at the same rate before it
 * @param warmupClients sessions opened and closed before the memory is first read (class loading, JIT)
 * @param concurrency handshakes in flight at most while connecting
 * @param offerExpirySeconds how long after it is made an offer expires ({@code expiresAt}): the gateway
 *     remembers it until then plus its {@code offer-grace}
 * @param settleSeconds pause after connecting (and after the warm-up sessions close) before memory is read
 * @param servers the servers to measure, in order: {@code gateway}, {@code plain}, {@code plain-kafka} (the
 *     plain server fed by a Kafka consumer of the offers, as the gateway is)
 * @param serverJvm JVM options of both servers' JVMs
 * @param gatewayJar the gateway's executable jar
 * @param gatewayOptions extra gateway properties, as {@code --name=value}
 */
record WebSocketOptions(
    int clients,
    int tenants,
    int rate,
    int seconds,
    int warmupSeconds,
    int warmupClients,
    int concurrency,
    int offerExpirySeconds,
    int settleSeconds,
    List<String> servers,
    List<String> serverJvm,
    Path gatewayJar,
    List<String> gatewayOptions) {

  static final String USAGE = "options (--name=value): clients=10000 tenants=10 rate=1000 seconds=60 "
      + "warmup-seconds=15 warmup-clients=1000 concurrency=64 offer-expiry-seconds=15 settle-seconds=3 servers=gateway,plain-kafka,plain "
      + "server-jvm='-Xms2g -Xmx2g -XX:+AlwaysPreTouch' "
      + "gateway-jar=signaling-gateway/target/signaling-gateway-0.1.0-SNAPSHOT-exec.jar gateway.<property>=<value>";

  WebSocketOptions {
    servers = List.copyOf(servers);
    serverJvm = List.copyOf(serverJvm);
    gatewayOptions = List.copyOf(gatewayOptions);
    if (clients < 1 || tenants < 1 || rate < 1 || seconds < 1 || warmupSeconds < 0 || warmupClients < 0
        || concurrency < 1 || offerExpirySeconds < 0 || settleSeconds < 0) {
      throw new IllegalArgumentException("clients, tenants, rate, seconds and concurrency must be positive; "
          + USAGE);
    }
    for (String server : servers) {
      if (!server.equals("gateway") && !server.equals("plain") && !server.equals("plain-kafka")) {
        throw new IllegalArgumentException("unknown server " + server + ": gateway, plain or plain-kafka");
      }
    }
  }

  static WebSocketOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    List<String> gateway = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg + "; " + USAGE);
      }
      String name = arg.substring(2, eq);
      if (name.startsWith("gateway.")) {
        gateway.add("--" + name.substring(8) + arg.substring(eq));
      } else {
        given.put(name, arg.substring(eq + 1));
      }
    }
    Reader in = new Reader(given);
    WebSocketOptions options = new WebSocketOptions(in.integer("clients", 10_000), in.integer("tenants", 10),
        in.integer("rate", 1000), in.integer("seconds", 60), in.integer("warmup-seconds", 15),
        in.integer("warmup-clients", 1000), in.integer("concurrency", 64), in.integer("offer-expiry-seconds", 15),
        in.integer("settle-seconds", 3),
        Arrays.asList(in.text("servers", "gateway,plain-kafka,plain").split(",")),
        Arrays.asList(in.text("server-jvm", "-Xms2g -Xmx2g -XX:+AlwaysPreTouch").trim().split("\\s+")),
        Path.of(in.text("gateway-jar", "signaling-gateway/target/signaling-gateway-0.1.0-SNAPSHOT-exec.jar")),
        gateway);
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + given.keySet() + "; " + USAGE);
    }
    return options;
  }

  /** Takes each option out of the map, so that what is left over is unknown. */
  private record Reader(Map<String, String> given) {
    int integer(String name, int fallback) {
      String value = given.remove(name);
      return value == null ? fallback : Integer.parseInt(value);
    }

    String text(String name, String fallback) {
      String value = given.remove(name);
      return value == null ? fallback : value;
    }
  }
}
