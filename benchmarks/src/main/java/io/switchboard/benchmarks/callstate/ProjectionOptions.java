package io.switchboard.benchmarks.callstate;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings of one run, from {@code --name=value} arguments.
 *
 * @param events events to produce at least (whole calls are produced, so a few more may be)
 * @param tenants tenants the calls spread over
 * @param agentsPerTenant agents of each tenant, registered up front; calls are answered in turn
 * @param statusEvery one agent status change per this many calls
 * @param maxPollRecords {@code switchboard.projection.max-poll-records}, also the baseline's poll size
 * @param replay whether to run the service's replay (what {@code /admin/replay} runs) once it has
 *     caught up: a rebuild from the beginning into fresh tables while the live ones serve, then the
 *     switch-over
 * @param baseline whether to run the plain-insert baseline after the projection
 * @param progressSeconds seconds between progress lines
 * @param timeoutSeconds longest wait for either run to read everything
 */
record ProjectionOptions(long events, int tenants, int agentsPerTenant, int statusEvery, int maxPollRecords,
    boolean replay, boolean baseline, int progressSeconds, int timeoutSeconds) {

  static final String USAGE = """
      Options (--name=value): events (1000000), tenants (6), agents-per-tenant (50), status-every (10),
      max-poll-records (2000, the service's default), replay (true), baseline (true), progress-seconds (5),
      timeout-seconds (1800)""";

  static ProjectionOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (String arg : args) {
      if (arg.equals("--help") || !arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException(USAGE);
      }
      values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    ProjectionOptions options = new ProjectionOptions(
        Long.parseLong(take(values, "events", "1000000")),
        Integer.parseInt(take(values, "tenants", "6")),
        Integer.parseInt(take(values, "agents-per-tenant", "50")),
        Integer.parseInt(take(values, "status-every", "10")),
        Integer.parseInt(take(values, "max-poll-records", "2000")),
        Boolean.parseBoolean(take(values, "replay", "true")),
        Boolean.parseBoolean(take(values, "baseline", "true")),
        Integer.parseInt(take(values, "progress-seconds", "5")),
        Integer.parseInt(take(values, "timeout-seconds", "1800")));
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("Unknown options " + values.keySet() + "\n" + USAGE);
    }
    if (options.events < 1 || options.tenants < 1 || options.agentsPerTenant < 1 || options.statusEvery < 1
        || options.maxPollRecords < 1) {
      throw new IllegalArgumentException("events, tenants, agents-per-tenant, status-every and max-poll-records "
          + "must be positive\n" + USAGE);
    }
    return options;
  }

  private static String take(Map<String, String> values, String name, String fallback) {
    String value = values.remove(name);
    return value == null ? fallback : value;
  }
}
