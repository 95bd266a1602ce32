package io.switchboard.simulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a replay reads its recording: a Kafka cluster, one tenant, and optionally a window of
 * {@code occurredAt}. The options that describe a generated workload do not apply to a replay (the
 * recording gives the callers and agents) and are refused with it, rather than silently ignored.
 *
 * @param from start of the window, {@code null} for the tenant's first event
 * @param to end of the window (exclusive), {@code null} for just after the tenant's last event
 */
record ReplayOptions(String bootstrapServers, String tenant, Instant from, Instant to) {

  static final List<String> NAMES = List.of("replay-bootstrap", "tenant", "from", "to");
  /** Options of a generated workload only. */
  static final List<String> GENERATOR_ONLY = List.of("queues", "arrivals-per-hour", "aht-seconds",
      "handle-sd-seconds", "patience-seconds", "agents", "capacity", "shift-hours", "hours", "attributes", "tags",
      "seed");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The replay the options ask for, or {@code null} for a generated workload. */
  static ReplayOptions of(Map<String, String> values) {
    if (!values.containsKey("replay-bootstrap")) {
      for (String name : NAMES) {
        if (values.containsKey(name)) {
          throw new IllegalArgumentException("--" + name + " applies to a replay only; add --replay-bootstrap");
        }
      }
      return null;
    }
    for (String name : GENERATOR_ONLY) {
      if (values.containsKey(name)) {
        throw new IllegalArgumentException("--" + name + " does not apply to a replay: the recording gives the "
            + "callers and agents");
      }
    }
    String bootstrap = values.get("replay-bootstrap").trim();
    if (bootstrap.isEmpty()) {
      throw new IllegalArgumentException("--replay-bootstrap needs host:port[,host:port...]");
    }
    String tenant = values.get("tenant");
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException("--tenant is required with --replay-bootstrap, "
          + "[A-Za-z0-9_-]{1,64}, got " + (tenant == null ? "none" : "'" + tenant + "'"));
    }
    Instant from = instant(values, "from");
    Instant to = instant(values, "to");
    if (from != null && to != null && !to.isAfter(from)) {
      throw new IllegalArgumentException("--to must be after --from");
    }
    return new ReplayOptions(bootstrap, tenant, from, to);
  }

  private static Instant instant(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--" + name + " must be an ISO-8601 date-time with offset, "
          + "e.g. 2026-01-05T08:00:00Z, got '" + value + "'", e);
    }
  }
}
