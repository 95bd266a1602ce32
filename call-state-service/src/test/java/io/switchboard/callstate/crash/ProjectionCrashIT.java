package io.switchboard.callstate.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.TestService;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once effect under crashes: the service, a JVM of its own, is killed with SIGKILL three
 * times while a stream of calls is published and it projects them in small batches, and restarted
 * each time. Rows and consumed offsets are committed in one transaction, so whatever batch a kill
 * cuts off is applied again from the stored offsets: in the end every event is in the database once
 * (the sets of ids are equal, not just the counts) and every call is folded as if nothing happened.
 * (There is no Kafka offset commit to lose or double: the database holds the only offsets.)
 */
class ProjectionCrashIT {

  private static final Logger log = LoggerFactory.getLogger(ProjectionCrashIT.class);
  private static final int CALLS = 500;
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 8);
  private final Set<UUID> eventIds = new HashSet<>();
  private final Set<UUID> decisionIds = new HashSet<>();
  private final Set<UUID> agentEventIds = new HashSet<>();

  @Test
  void killsBetweenBatchesNeitherLoseNorDuplicateARow() throws Exception {
    TestDatabase database = SharedPostgres.newDatabase("crash");
    Path logFile = Files.createDirectories(Path.of("target", "crash-it")).resolve("call-state-" + tenant + ".log");
    CallStateNode node = new CallStateNode(TestService.settings(database,
        "--switchboard.projection.max-poll-records=50",
        "--switchboard.housekeeping.enabled=false"), logFile);
    try (EventProducer producer = new EventProducer(); node) {
      // given the service projecting while calls are published
      node.start();
      CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(producer));

      // when it is killed three times, each once it has made progress, and restarted
      for (int kill = 1; kill <= 3; kill++) {
        long before = projected(database);
        long target = before + 300;
        Poll.until(PATIENCE, "progress before kill " + kill, () -> projected(database) >= target ? Boolean.TRUE : null);
        node.kill();
        log.info("Kill {} after {} events projected", kill, projected(database));
        node.start();
      }
      publishing.get();

      // then, once it caught up, every event is there exactly once
      int expected = eventIds.size() + decisionIds.size();
      Poll.until(PATIENCE, "all " + expected + " call events projected", () ->
          projected(database) >= expected && count(database, "SELECT count(*) AS n FROM calls WHERE tenant_id = ?"
              + " AND state = 'ENDED'") == CALLS ? Boolean.TRUE : null);
      assertThat(ids(database, "SELECT event_id::text AS id FROM call_events WHERE tenant_id = ?"))
          .isEqualTo(union(eventIds, decisionIds));
      assertThat(ids(database, "SELECT event_id::text AS id FROM routing_decisions WHERE tenant_id = ?"))
          .isEqualTo(decisionIds);
      Poll.until(PATIENCE, "agent history projected", () -> ids(database,
          "SELECT event_id::text AS id FROM agent_status_history WHERE tenant_id = ?").equals(agentEventIds)
          ? Boolean.TRUE : null);
      // and every call folded as if nothing had happened: 1.2 s waiting, 30 s talking
      assertThat(database.query("SELECT count(*) AS n FROM calls WHERE tenant_id = ? AND (state <> 'ENDED'"
          + " OR wait_ms <> 1200 OR talk_ms <> 30000 OR event_count <> 7)", tenant).get(0).get("n"))
          .isEqualTo(0L);
      assertThat(count(database, "SELECT count(*) AS n FROM calls WHERE tenant_id = ?")).isEqualTo(CALLS);
    }
  }

  /** Each call: created, queued, routed, offered, accepted, answered, ended; an agent status now and then. */
  private void publish(EventProducer producer) {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < CALLS; i++) {
      String callId = "call-" + i + "-" + tenant;
      String agentId = "agent-" + (i % 20);
      Instant at = t0.plusMillis(i * 10L);
      call(producer, callId, at, new CallCreated(CallDirection.INBOUND, CallChannel.SIP, "c-" + i, null, null, "sales",
          Map.of(), List.of()));
      call(producer, callId, at.plusMillis(100), new CallQueued("sales", null));
      decision(producer, callId, at.plusMillis(110), new RoutingQueued(1, 100));
      String reservation = UUID.randomUUID().toString();
      decision(producer, callId, at.plusMillis(900), new RoutingOffered(agentId, reservation, at.plusSeconds(16),
          false));
      decision(producer, callId, at.plusMillis(1_300), new ReservationAccepted(agentId, reservation));
      call(producer, callId, at.plusMillis(1_300), new CallAnswered(agentId, reservation));
      call(producer, callId, at.plusMillis(31_300), new CallEnded(CallOutcome.ENDED, null, null));
      if (i % 10 == 0) {
        AgentEvent status = new AgentEvent(UUID.randomUUID(), tenant, at, "crash-it", agentId,
            new AgentStatusChanged(i % 20 == 0 ? AgentStatus.AVAILABLE : AgentStatus.BREAK, null));
        agentEventIds.add(status.getEventId());
        producer.send(Topics.AGENT_EVENTS, agentId, status);
      }
    }
  }

  private void call(EventProducer producer, String callId, Instant at, Object payload) {
    CallEvent event = new CallEvent(UUID.randomUUID(), tenant, at, "crash-it", callId, payload);
    eventIds.add(event.getEventId());
    producer.send(Topics.CALL_EVENTS, callId, event);
  }

  private void decision(EventProducer producer, String callId, Instant at, Object payload) {
    RoutingDecision decision = new RoutingDecision(UUID.randomUUID(), tenant, at, "crash-it", callId, "sales",
        "crash test", payload);
    decisionIds.add(decision.getEventId());
    producer.send(Topics.ROUTING_DECISIONS, callId, decision);
  }

  private long projected(TestDatabase database) {
    return count(database, "SELECT count(*) AS n FROM call_events WHERE tenant_id = ?");
  }

  private long count(TestDatabase database, String sql) {
    try {
      return ((Number) database.query(sql, tenant).get(0).get("n")).longValue();
    } catch (RuntimeException e) {
      return 0; // the schema is not there until the first start has migrated it
    }
  }

  private Set<UUID> ids(TestDatabase database, String sql) {
    return database.query(sql, tenant).stream().map(row -> UUID.fromString((String) row.get("id")))
        .collect(Collectors.toSet());
  }

  private static Set<UUID> union(Set<UUID> a, Set<UUID> b) {
    Set<UUID> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
