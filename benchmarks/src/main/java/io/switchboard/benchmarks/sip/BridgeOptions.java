package io.switchboard.benchmarks.sip;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one bridge under load, from {@code --name=value} arguments.
 *
 * @param agents SIP accounts registered and made AVAILABLE, one call each at a time
 * @param sipPort the bridge's SIP port (the peer harness calls 127.0.0.1:5060)
 * @param agentContact host:port every agent registers as its contact (the harness's SIPp UAS)
 * @param registerPort the local port SIPp registers the agents from
 * @param registerRate REGISTERs per second
 * @param rtpPortMin lowest relay port
 * @param rtpPortMax highest relay port (each call takes four)
 * @param work folder for SIPp's files, the bridge's log and the ready marker
 * @param bridgeSettings more settings of the bridge, {@code --switchboard.…=value} as given
 * @param routingSettings more settings of the routing engine, given as {@code --routing.switchboard.…=value}
 */
record BridgeOptions(int agents, int sipPort, String agentContact, int registerPort, int registerRate,
    int rtpPortMin, int rtpPortMax, Path work, List<String> bridgeSettings, List<String> routingSettings) {

  static final String USAGE = "options (--name=value): agents=200 sip-port=5060 agent-contact=127.0.0.1:5070 "
      + "register-port=5090 register-rate=200 rtp-port-min=20000 rtp-port-max=29999 work=<folder>, "
      + "any --switchboard.<property>=<value> for the bridge, --routing.switchboard.<property>=<value> for routing";

  BridgeOptions {
    bridgeSettings = List.copyOf(bridgeSettings);
    routingSettings = List.copyOf(routingSettings);
    if (agents < 1 || registerRate < 1) {
      throw new IllegalArgumentException("agents and register-rate must be positive");
    }
    if ((rtpPortMax - rtpPortMin + 1) / 4 < agents) {
      throw new IllegalArgumentException("rtp ports " + rtpPortMin + "-" + rtpPortMax + " hold fewer than "
          + agents + " calls (four ports each)");
    }
  }

  static BridgeOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    List<String> bridgeSettings = new ArrayList<>();
    List<String> routingSettings = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--routing.switchboard.")) {
        routingSettings.add("--" + arg.substring("--routing.".length()));
        continue;
      }
      if (arg.startsWith("--switchboard.")) {
        bridgeSettings.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg + "; " + USAGE);
      }
      given.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    String work = given.remove("work");
    if (work == null) {
      throw new IllegalArgumentException("--work is required; " + USAGE);
    }
    BridgeOptions options = new BridgeOptions(integer(given, "agents", 200), integer(given, "sip-port", 5060),
        text(given, "agent-contact", "127.0.0.1:5070"), integer(given, "register-port", 5090),
        integer(given, "register-rate", 200), integer(given, "rtp-port-min", 20000),
        integer(given, "rtp-port-max", 29999), Path.of(work), bridgeSettings,
        routingSettings);
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + given.keySet() + "; " + USAGE);
    }
    return options;
  }

  private static int integer(Map<String, String> given, String name, int fallback) {
    String value = given.remove(name);
    return value == null ? fallback : Integer.parseInt(value);
  }

  private static String text(Map<String, String> given, String name, String fallback) {
    String value = given.remove(name);
    return value == null ? fallback : value;
  }
}
