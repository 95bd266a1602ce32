package io.switchboard.schemas.audit;

import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditActor;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.avro.AuditOutcome;
import io.switchboard.schemas.avro.AuditTarget;
import io.switchboard.schemas.avro.AuditTargetKind;
import io.switchboard.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Makes {@code audit.events} records from their parts, so that every service that audits an action
 * writes the same shape:
 *
 * <pre>{@code
 * AuditEvent event = audit.about(tenant, AuditAction.QUEUE_CONFIGURED, AuditTargetKind.QUEUE, "sales")
 *     .by(subject, roles, agentId)
 *     .detail("strategy", "RING_ALL")
 *     .request(requestId, clientAddress)
 *     .succeeded();
 * producer.send(AuditEvents.record(event));
 * }</pre>
 *
 * <p>Details are for a few facts about the action, never for secrets: a detail whose name speaks of
 * a password, secret, token, credential or key is refused (a key's id goes in the target).
 */
public final class AuditEvents {

  /** The most details one event carries. */
  public static final int MAX_DETAILS = 16;
  /** The longest detail name. */
  public static final int MAX_DETAIL_NAME = 64;
  /** Longer detail values are cut to this many characters, the last one an ellipsis. */
  public static final int MAX_DETAIL_VALUE = 256;

  private static final List<String> SECRET_WORDS =
      List.of("password", "passwd", "secret", "token", "credential", "authorization", "cookie");

  private final Clock clock;
  private final String source;

  /** {@code source}: the writing service instance; every event is stamped with {@code clock}'s now. */
  public AuditEvents(Clock clock, String source) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.source = requireText("source", source);
  }

  /** Starts the event of an action of {@code tenantId} on a target. */
  public Entry about(String tenantId, AuditAction action, AuditTargetKind kind, String targetId) {
    return new Entry(requireText("tenantId", tenantId), known("action", action), known("target kind", kind),
        requireText("targetId", targetId));
  }

  /** The record for {@code audit.events}: keyed by tenant, so that a tenant's actions stay in order. */
  public static ProducerRecord<String, byte[]> record(AuditEvent event) {
    return Topics.AUDIT_EVENTS.record(event.getTenantId(), event);
  }

  /** An event being made; {@link #succeeded()} or {@link #refused(String)} ends it. */
  public final class Entry {

    private final String tenantId;
    private final AuditAction action;
    private final AuditTarget target;
    private final Map<String, String> details = new LinkedHashMap<>();
    private AuditActor actor;
    private UUID eventId;
    private String requestId;
    private String clientAddress;

    private Entry(String tenantId, AuditAction action, AuditTargetKind kind, String targetId) {
      this.tenantId = tenantId;
      this.action = action;
      this.target = new AuditTarget(kind, targetId);
    }

    /** Who acted: the token's subject and roles, and its agent id (null when none). Required. */
    public Entry by(String subject, List<String> roles, String agentId) {
      actor = new AuditActor(requireText("subject", subject), roles == null ? List.of() : List.copyOf(roles),
          agentId);
      return this;
    }

    /** One fact about the action; a null value is left out. */
    public Entry detail(String name, String value) {
      requireText("detail name", name);
      if (name.length() > MAX_DETAIL_NAME) {
        throw new IllegalArgumentException("A detail name is at most " + MAX_DETAIL_NAME + " characters: " + name);
      }
      if (secretLike(name)) {
        throw new IllegalArgumentException("An audit event never carries secrets; refused detail '" + name + "'");
      }
      if (value == null) {
        details.remove(name);
        return this;
      }
      if (!details.containsKey(name) && details.size() == MAX_DETAILS) {
        throw new IllegalArgumentException("An audit event carries at most " + MAX_DETAILS + " details");
      }
      details.put(name, value.length() <= MAX_DETAIL_VALUE ? value : value.substring(0, MAX_DETAIL_VALUE - 1) + "…");
      return this;
    }

    /** The request's id and the client's address, as the service saw them; either may be null. */
    public Entry request(String requestId, String clientAddress) {
      this.requestId = requestId;
      this.clientAddress = clientAddress;
      return this;
    }

    /** A given event id, for an action whose event may be written twice (consumers keep one). */
    public Entry eventId(UUID eventId) {
      this.eventId = Objects.requireNonNull(eventId, "eventId");
      return this;
    }

    /** The event of the action done. */
    public AuditEvent succeeded() {
      return build(AuditOutcome.SUCCEEDED, null);
    }

    /** The event of the action refused, and why (e.g. {@code forbidden}, {@code conflict}). */
    public AuditEvent refused(String reason) {
      return build(AuditOutcome.REFUSED, requireText("reason", reason));
    }

    private AuditEvent build(AuditOutcome outcome, String reason) {
      if (actor == null) {
        throw new IllegalStateException("An audit event needs its actor: call by(...) first");
      }
      return AuditEvent.newBuilder()
          .setEventId(eventId == null ? UUID.randomUUID() : eventId)
          .setTenantId(tenantId)
          .setOccurredAt(now())
          .setSource(source)
          .setActor(actor)
          .setAction(action)
          .setTarget(target)
          .setOutcome(outcome)
          .setReason(reason)
          .setDetails(Map.copyOf(details))
          .setRequestId(requestId)
          .setClientAddress(clientAddress)
          .build();
    }
  }

  /** Milliseconds, the precision of {@code timestamp-millis}: the event reads back equal to itself. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static boolean secretLike(String name) {
    String plain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return plain.endsWith("key") || SECRET_WORDS.stream().anyMatch(plain::contains);
  }

  private static <E extends Enum<E>> E known(String what, E value) {
    Objects.requireNonNull(value, what);
    if ("UNKNOWN".equals(value.name())) {
      throw new IllegalArgumentException("UNKNOWN is what readers see for a newer " + what + "; it is never written");
    }
    return value;
  }

  private static String requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}
