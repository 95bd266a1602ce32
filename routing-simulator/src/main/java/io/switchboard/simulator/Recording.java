package io.switchboard.simulator;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The recorded {@code call.events} and {@code agent.events} of one tenant, in any order, and the
 * workload they make ({@link #extract}). No I/O: a reader feeds it (see {@link KafkaRecordingReader}).
 * Events are deduplicated on {@code eventId}, as every consumer of these topics does.
 */
final class Recording {

  private final String tenant;
  private final Set<UUID> seen = new HashSet<>();
  private final Map<String, List<CallEvent>> calls = new LinkedHashMap<>();
  private final Map<String, List<AgentEvent>> agents = new LinkedHashMap<>();
  private final Map<ReplayCount, Long> counts = new EnumMap<>(ReplayCount.class);
  private long firstMs = Long.MAX_VALUE;
  private long lastMs = Long.MIN_VALUE;

  Recording(String tenant) {
    this.tenant = tenant;
  }

  void add(CallEvent event) {
    if (keep(event.getTenantId(), event.getEventId(), event.getOccurredAt())) {
      calls.computeIfAbsent(event.getCallId(), id -> new ArrayList<>()).add(event);
    }
  }

  void add(AgentEvent event) {
    if (keep(event.getTenantId(), event.getEventId(), event.getOccurredAt())) {
      agents.computeIfAbsent(event.getAgentId(), id -> new ArrayList<>()).add(event);
    }
  }

  /** A record of either topic that could not be decoded. */
  void undecodable() {
    counts.merge(ReplayCount.UNDECODABLE, 1L, Long::sum);
  }

  boolean isEmpty() {
    return calls.isEmpty() && agents.isEmpty();
  }

  /**
   * The workload of the window [from, to): calls that first queued in it, agents' shifts within
   * it. Events from {@code to} on are ignored, as if the recording stopped there; events before
   * {@code from} still set the agents' state at its start.
   *
   * @param from start of the window; {@code null} for the tenant's first event
   * @param to end of the window; {@code null} for just after the tenant's last event
   */
  ReplayWorkload extract(Instant from, Instant to) {
    if (isEmpty()) {
      throw new IllegalStateException("The recording holds no event of tenant " + tenant);
    }
    long startMs = from != null ? from.toEpochMilli() : firstMs;
    long endMs = to != null ? to.toEpochMilli() : lastMs + 1;
    if (endMs <= startMs) {
      throw new IllegalStateException("The recording of tenant " + tenant + " has no event in the window from "
          + Instant.ofEpochMilli(startMs) + " to " + Instant.ofEpochMilli(endMs));
    }
    Map<ReplayCount, Long> extractCounts = new EnumMap<>(counts);
    List<RecordedCall> recordedCalls = new ArrayList<>();
    for (List<CallEvent> events : calls.values()) {
      List<CallEvent> recorded = inTimeOrder(events, CallEvent::getOccurredAt, endMs);
      if (!recorded.isEmpty()) { // a call that began after the recording stopped is not part of it
        RecordedCall call = new RecordedCall(recorded.get(0).getCallId());
        recorded.forEach(call::apply);
        recordedCalls.add(call);
      }
    }
    CallExtraction extraction = new CallExtraction(startMs, endMs, extractCounts);
    extraction.extract(recordedCalls);
    List<AgentShift> shifts = new ArrayList<>();
    for (Map.Entry<String, List<AgentEvent>> agent : agents.entrySet()) {
      RecordedAgent recorded = new RecordedAgent(agent.getKey(), startMs);
      inTimeOrder(agent.getValue(), AgentEvent::getOccurredAt, endMs).forEach(recorded::apply);
      shifts.addAll(recorded.shifts());
    }
    Set<String> queues = new java.util.TreeSet<>();
    extraction.arrivals().forEach(call -> queues.add(call.queue()));
    shifts.forEach(shift -> queues.addAll(shift.queues()));
    return new ReplayWorkload(Instant.ofEpochMilli(startMs), endMs - startMs, new ArrayList<>(queues),
        extraction.arrivals(), shifts, extraction.recorded(), extractCounts);
  }

  private boolean keep(String eventTenant, UUID eventId, Instant occurredAt) {
    if (!tenant.equals(eventTenant)) {
      return false;
    }
    if (!seen.add(eventId)) {
      counts.merge(ReplayCount.DUPLICATE, 1L, Long::sum);
      return false;
    }
    firstMs = Math.min(firstMs, occurredAt.toEpochMilli());
    lastMs = Math.max(lastMs, occurredAt.toEpochMilli());
    return true;
  }

  /** Stable sort: events of one key come from one partition, so ties keep the log's order. */
  private static <E> List<E> inTimeOrder(List<E> events, java.util.function.Function<E, Instant> time, long endMs) {
    List<E> sorted = new ArrayList<>();
    for (E event : events) {
      if (time.apply(event).toEpochMilli() < endMs) {
        sorted.add(event);
      }
    }
    sorted.sort(Comparator.comparing(time));
    return sorted;
  }
}
