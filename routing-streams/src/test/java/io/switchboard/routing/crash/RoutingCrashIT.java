package io.switchboard.routing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.crash.OfferInvariants.CallEnd;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once routing under a crash: two routing instances (separate JVMs) share the work of ten
 * tenants under a steady load of calls, answers, declines, expiries, hang-ups and breaks; one is
 * killed with SIGKILL mid-run and restarted on the same state directory. After the load drains,
 * the committed output must show every call's outcome, no call offered to two agents at once, no
 * agent over capacity, no decision written twice, and queue statistics equal to a recount.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingCrashIT {

  private static final Logger log = LoggerFactory.getLogger(RoutingCrashIT.class);
  private static final Duration START = Duration.ofSeconds(120);
  private static final int TENANTS = 10;
  private static final int AGENTS_PER_TENANT = 4;
  private static final double CALLS_PER_SECOND = 15;

  private final String run = "crash-" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, List<String>> agents = new LinkedHashMap<>();
  private final List<RoutingNode> nodes = new ArrayList<>();
  private Outbox outbox;
  private CallCenter center;
  private DecisionFeed feed;
  private Path dir;

  @BeforeAll
  void startTwoInstances() throws Exception {
    for (int t = 1; t <= TENANTS; t++) {
      String tenant = run + "-t" + t;
      List<String> ids = new ArrayList<>();
      for (int a = 1; a <= AGENTS_PER_TENANT; a++) {
        ids.add(tenant + "-a" + a);
      }
      agents.put(tenant, ids);
    }
    dir = Files.createDirectories(Path.of("target", "crash-it", run));
    List<String> settings = List.of(
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.routing.application-id=" + run,
        "--switchboard.security.issuer-uri=" + TestIssuer.shared().issuerUri(),
        // A few partitions: tenants spread over both instances, little to restore on 2 cores.
        "--switchboard.routing.repartition-partitions=4",
        "--switchboard.routing.commit-interval=100ms",
        // Offers left to expire come back within the run.
        "--switchboard.routing.reservation.timeout=2s",
        "--switchboard.routing.reservation.check-interval=200ms",
        // How long the group waits for a silent member before its tasks move (Kafka's default: 45 s).
        "--switchboard.routing.kafka-streams.properties.session.timeout.ms=6000",
        "--switchboard.routing.kafka-streams.properties.heartbeat.interval.ms=1500");
    for (String name : List.of("a", "b")) {
      nodes.add(new RoutingNode(name, settings, dir.resolve("state-" + name).toAbsolutePath(),
          dir.resolve("instance-" + name + ".log")));
    }
    nodes.forEach(node -> node.start(run + "-" + nodes.indexOf(node)));
    nodes.forEach(node -> node.awaitRunning(START));
    outbox = new Outbox();
    center = new CallCenter(outbox, agents);
    feed = new DecisionFeed(agents.keySet(), center::decided);
    feed.start();
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (feed != null) {
      feed.close();
    }
    if (center != null) {
      center.close();
    }
    if (outbox != null) {
      outbox.close();
    }
    nodes.forEach(RoutingNode::close);
  }

  @Test
  void routesExactlyOnceThroughAKillAndARestart() {
    // given both instances routing a steady load
    center.signIn();
    center.startArrivals(CALLS_PER_SECOND);
    Poll.until(Duration.ofSeconds(60), "both instances routing and 100 calls answered", () ->
        Set.copyOf(feed.owners().values()).size() == 2 && center.counts().getOrDefault("accepted", 0) >= 100
            ? true : null);

    // when the instance owning the most tenants is killed, mid-transaction
    RoutingNode victim = mostTenants();
    Set<String> orphans = feed.owners().entrySet().stream().filter(e -> e.getValue().equals(victim.instanceId()))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    Instant killedAt = Instant.now();
    feed.watch(orphans, killedAt, victim.instanceId());
    victim.kill();
    Instant resumedAt = Poll.until(Duration.ofSeconds(90), "routing of " + orphans + " resumed", () ->
        feed.firstWatched().orElse(null));
    long resumeMs = Duration.between(killedAt, resumedAt).toMillis();
    log.info("Killed {} owning {} of {} tenants; their routing resumed on the survivor after {} ms",
        victim.instanceId(), orphans.size(), TENANTS, resumeMs);

    // and restarted on its state directory while the load goes on
    String restartedId = victim.instanceId() + "-restarted";
    Instant restartedAt = Instant.now();
    victim.start(restartedId);
    victim.awaitRunning(START);
    int answeredBefore = center.counts().getOrDefault("accepted", 0);
    Poll.until(Duration.ofSeconds(60), "100 more calls answered after the restart", () ->
        center.counts().getOrDefault("accepted", 0) >= answeredBefore + 100 ? true : null);
    Long restartedFirstMs = feed.firstFrom(restartedId)
        .map(first -> Duration.between(restartedAt, first).toMillis()).orElse(null);
    center.stopArrivalsAndDrain();
    Poll.until(Duration.ofSeconds(90), "every call ended", () -> center.open() == 0 ? true : null);
    outbox.flush();
    assertThat(outbox.failure()).as("sends to the broker").isNull();
    log.info("Load: {}; restarted instance took its first decision {} ms after its restart",
        center.counts(), restartedFirstMs);

    // then the committed output is exactly-once sound
    Set<String> tenants = agents.keySet();
    List<String> created = center.createdCalls();
    List<RoutingDecision> decisions = TopicReader.readAll(Topics.ROUTING_DECISIONS,
        d -> tenants.contains(d.getTenantId()));
    Map<String, CallEnd> ends = ends(tenants);
    HistoryDump.write(dir.resolve("history.txt"), decisions, ends);
    List<String> violations = new ArrayList<>(OfferInvariants.violations(created, decisions, ends));
    violations.addAll(AgentCapacity.violations(decisions, ends));
    log.info("{} calls, {} decisions ({} by the restarted instance), {} violations", created.size(),
        decisions.size(), decisions.stream().filter(d -> d.getSource().equals(restartedId)).count(), violations.size());
    assertThat(violations).as("exactly-once violations").isEmpty();
    assertThat(decisions).as("forced assignments refused").anyMatch(d -> d.getPayload() instanceof AssignmentRefused);
    assertThat(decisions).as("forced assignments offered").anyMatch(d -> d.getPayload() instanceof RoutingOffered
        && d.getReason() != null && d.getReason().contains("forced assignment"));
    assertThat(orphans).as("tenants of the killed instance").isNotEmpty();
    assertThat(decisions.stream().map(RoutingDecision::getSource).distinct())
        .as("instances that decided").contains(nodes.get(0).instanceId(), nodes.get(1).instanceId());

    // and the statistics equal a recount of the decisions, once their last changes are written
    // (Poll keeps the last mismatch as the cause of its failure)
    Poll.until(Duration.ofSeconds(30), "queue.stats to match a recount of the decisions", () -> {
      List<String> mismatches = StatsRecount.mismatches(decisions, latestStats(tenants));
      if (!mismatches.isEmpty()) {
        throw new AssertionError("queue.stats differs from the decisions: " + mismatches);
      }
      return true;
    });
  }

  private RoutingNode mostTenants() {
    Map<String, Long> tenantsBySource = feed.owners().values().stream()
        .collect(Collectors.groupingBy(source -> source, Collectors.counting()));
    return nodes.stream().max((x, y) -> Long.compare(tenantsBySource.getOrDefault(x.instanceId(), 0L),
        tenantsBySource.getOrDefault(y.instanceId(), 0L))).orElseThrow();
  }

  private static Map<String, CallEnd> ends(Set<String> tenants) {
    Map<String, CallEnd> ends = new HashMap<>();
    for (CallEvent event : TopicReader.readAll(Topics.CALL_EVENTS,
        e -> tenants.contains(e.getTenantId()) && e.getPayload() instanceof CallEnded)) {
      boolean hungUp = ((CallEnded) event.getPayload()).getOutcome() == CallOutcome.ABANDONED;
      ends.putIfAbsent(event.getCallId(), new CallEnd(event.getOccurredAt(), hungUp));
    }
    return ends;
  }

  private static Map<String, QueueStats> latestStats(Set<String> tenants) {
    Map<String, QueueStats> latest = new HashMap<>();
    for (QueueStats stats : TopicReader.readAll(Topics.QUEUE_STATS, s -> tenants.contains(s.getTenantId()))) {
      latest.put(StatsRecount.key(stats.getTenantId(), stats.getQueue()), stats); // one partition per queue
    }
    return latest;
  }
}
