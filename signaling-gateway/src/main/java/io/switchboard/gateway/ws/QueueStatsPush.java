package io.switchboard.gateway.ws;

import io.switchboard.schemas.avro.QueueStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * Pushes {@code queue:stats} to the sessions of the snapshot's tenant on this instance: wallboards
 * (supervisors, admins) and agents' desks, never customers, never another tenant's. A session that
 * connects gets the latest snapshot of each of its tenant's queues first. A queue is pushed at most
 * once per {@code interval}; a change within it is held and its latest snapshot pushed when the
 * interval has passed.
 */
final class QueueStatsPush {

  private static final Logger log = LoggerFactory.getLogger(QueueStatsPush.class);

  private record QueueKey(String tenantId, String queue) {}

  private final QueueStatsTable table;
  private final Frames frames;
  private final Clock clock;
  private final Scheduler scheduler;
  private final StatsThrottle<QueueKey> throttle;
  // Each tenant's set is also the lock that orders a session's first snapshots before later pushes.
  private final ConcurrentMap<String, Set<AgentSession>> byTenant = new ConcurrentHashMap<>();

  /** {@code scheduler} runs the held pushes when they fall due. */
  QueueStatsPush(QueueStatsTable table, Frames frames, Clock clock, Duration interval, Scheduler scheduler) {
    this.table = table;
    this.frames = frames;
    this.clock = clock;
    this.scheduler = scheduler;
    this.throttle = new StatsThrottle<>(clock, interval);
    table.listen(this::changed);
  }

  /** A session opened: unless a customer's, it gets its tenant's latest snapshots, then every push. */
  void connected(AgentSession session) {
    if (session.isCustomer()) {
      return;
    }
    String tenant = session.key().tenantId();
    Set<AgentSession> sessions = byTenant.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet());
    synchronized (sessions) {
      sessions.add(session);
      Instant now = clock.instant();
      for (QueueStats stats : table.all(tenant)) {
        session.send(encode(stats, now));
      }
    }
  }

  void disconnected(AgentSession session) {
    Set<AgentSession> sessions = byTenant.get(session.key().tenantId());
    if (sessions != null) {
      sessions.remove(session);
    }
  }

  private void changed(QueueStats stats) {
    QueueKey key = new QueueKey(stats.getTenantId(), stats.getQueue());
    Optional<Instant> held = throttle.offer(key);
    if (held.isEmpty()) {
      push(key);
      return;
    }
    wakeAt(held.get());
  }

  private void wakeAt(Instant at) {
    // A millisecond over, as the scheduler's timer and the clock may round apart.
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1;
    scheduler.schedule(this::pushDue, delay, TimeUnit.MILLISECONDS);
  }

  private void pushDue() {
    try {
      throttle.due().forEach(this::push);
    } catch (RuntimeException e) {
      log.error("Could not push held queue statistics", e);
    }
    // Woken before its time (or a key held meanwhile): try again when the next one is due.
    throttle.nextDue().ifPresent(this::wakeAt);
  }

  /** Sends the queue's latest snapshot (not the one that triggered it) to the tenant's sessions here. */
  private void push(QueueKey key) {
    Set<AgentSession> sessions = byTenant.get(key.tenantId());
    Optional<QueueStats> latest = table.find(key.tenantId(), key.queue());
    if (sessions == null || latest.isEmpty()) {
      return;
    }
    synchronized (sessions) {
      if (sessions.isEmpty()) {
        return;
      }
      String frame = encode(latest.get(), clock.instant());
      for (AgentSession session : List.copyOf(sessions)) {
        session.send(frame);
      }
    }
  }

  private String encode(QueueStats stats, Instant now) {
    return frames.encode(QueueStatsFrame.TYPE, QueueStatsFrame.data(stats, now));
  }
}
