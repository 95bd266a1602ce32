package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;

class QueueStatsPushTest {

  private final FakeClock clock = new FakeClock();
  private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
  private final QueueStatsTable table = new QueueStatsTable();
  private final QueueStatsPush push =
      new QueueStatsPush(table, new Frames(FrameCollector.JSON), clock, Duration.ofSeconds(1), scheduler);

  private FrameCollector connect(Caller caller) {
    AgentSession session = new AgentSession(UUID.randomUUID().toString(), caller, 64);
    FrameCollector frames = new FrameCollector(session);
    push.connected(session);
    return frames;
  }

  private static Caller supervisor(String tenant) {
    return new Caller(tenant, "sup-" + tenant, Set.of(Role.SUPERVISOR), null);
  }

  private void write(QueueStats stats) {
    table.apply(stats.getTenantId(), stats.getQueue(), stats);
  }

  private static List<Integer> waiting(FrameCollector client, String queue) {
    return client.frames().stream()
        .filter(frame -> frame.path("type").stringValue("").equals("queue:stats"))
        .map(frame -> frame.get("data"))
        .filter(data -> data.path("queue").stringValue("").equals(queue))
        .map(data -> data.path("waiting").asInt())
        .toList();
  }

  /** Moves the clock and the scheduler together, as time passes for both. */
  private void advance(Duration by) {
    clock.advance(by);
    scheduler.advanceTimeBy(by);
  }

  @Test
  void pushesASnapshotToTheTenantsWallboardsAndAgentsOnly() {
    FrameCollector board = connect(supervisor("acme"));
    FrameCollector admin = connect(new Caller("acme", "root", Set.of(Role.ADMIN), null));
    FrameCollector agent = connect(FrameCollector.agent("acme", "a1"));
    FrameCollector customer = connect(new Caller("acme", "cust-1", Set.of(Role.CUSTOMER), null));
    FrameCollector otherTenant = connect(supervisor("globex"));

    write(QueueStatsFixtures.waiting("acme", "sales", clock.instant(), 3));

    assertThat(waiting(board, "sales")).containsExactly(3);
    assertThat(waiting(admin, "sales")).containsExactly(3);
    assertThat(waiting(agent, "sales")).containsExactly(3);
    assertThat(customer.frames()).isEmpty();
    assertThat(otherTenant.frames()).isEmpty();
  }

  @Test
  void aNewSessionGetsTheLatestSnapshotOfEachQueueFirst() {
    write(QueueStatsFixtures.waiting("acme", "sales", clock.instant(), 1));
    write(QueueStatsFixtures.waiting("acme", "support", clock.instant(), 4));
    clock.advance(Duration.ofSeconds(5));
    write(QueueStatsFixtures.waiting("acme", "sales", clock.instant(), 2));
    write(QueueStatsFixtures.waiting("globex", "sales", clock.instant(), 9));

    FrameCollector board = connect(supervisor("acme"));

    List<JsonNode> frames = board.frames();
    assertThat(frames).hasSize(2);
    assertThat(frames).extracting(frame -> frame.get("data").get("queue").stringValue() + "="
        + frame.get("data").get("waiting").asInt()).containsExactly("sales=2", "support=4");
  }

  @Test
  void holdsAQueuesChangesWithinASecondAndPushesTheLatestWhenItHasPassed() {
    FrameCollector board = connect(supervisor("acme"));
    write(QueueStatsFixtures.waiting("acme", "sales", clock.instant(), 1));
    advance(Duration.ofMillis(100));
    write(QueueStatsFixtures.waiting("acme", "sales", clock.instant(), 2));
    advance(Duration.ofMillis(100));
    write(QueueStatsFixtures.waiting("acme", "sales", clock.instant(), 3));
    // Another queue is not held by this one.
    write(QueueStatsFixtures.waiting("acme", "support", clock.instant(), 7));
    assertThat(waiting(board, "sales")).containsExactly(1);
    assertThat(waiting(board, "support")).containsExactly(7);

    advance(Duration.ofMillis(801));

    assertThat(waiting(board, "sales")).containsExactly(1, 3);
  }

  @Test
  void aHeldPushWokenBeforeItsTimeIsTriedAgain() {
    FrameCollector board = connect(supervisor("acme"));
    write(QueueStatsFixtures.waiting("acme", "sales", clock.instant(), 1));
    advance(Duration.ofMillis(100));
    write(QueueStatsFixtures.waiting("acme", "sales", clock.instant(), 2));

    // The timer fires while the clock still reads a millisecond short of the due time.
    clock.advance(Duration.ofMillis(899));
    scheduler.advanceTimeBy(Duration.ofMillis(901));
    assertThat(waiting(board, "sales")).containsExactly(1);
    advance(Duration.ofMillis(2));

    assertThat(waiting(board, "sales")).containsExactly(1, 2);
  }

  @Test
  void mapsTheSnapshotUnderTheNamesOfTheRestAnswer() {
    FrameCollector board = connect(supervisor("acme"));
    write(QueueStatsFixtures.snapshot("acme", "sales", clock.instant()).setWaiting(2).setLongestWaitMs(45_000)
        .setAgentsByStatus(Map.of("BUSY", 2, "AVAILABLE", 1)).setEligibleAgents(3).setOffered(10).setAnswered(7)
        .setAbandoned(1).setAnsweredWithinServiceLevel(6).setAbandonedAfterServiceLevel(1).setAsaMs(12_000L)
        .setAhtMs(180_000L).setServiceLevel(0.75).setAbandonmentRate(0.1).build());

    JsonNode data = board.last().get("data");
    assertThat(data.get("queue").stringValue()).isEqualTo("sales");
    assertThat(data.get("longestWaitMs").asLong()).isEqualTo(45_000);
    assertThat(data.get("agentsByStatus").get("BUSY").asInt()).isEqualTo(2);
    assertThat(data.get("agentsByStatus").get("WRAP_UP").asInt()).isZero();
    assertThat(data.get("serviceLevel").asDouble()).isEqualTo(0.75);
    assertThat(data.get("asaMs").asLong()).isEqualTo(12_000);
    assertThat(data.get("abandonmentRate").asDouble()).isEqualTo(0.1);
    assertThat(data.get("answered").asInt()).isEqualTo(7);
    assertThat(data.get("updatedAt").stringValue()).isEqualTo(clock.instant().toString());
    assertThat(data.get("serverNow").stringValue()).isEqualTo(clock.instant().toString());
  }

  @Test
  void aRecordWhoseValueNamesAnotherTenantThanItsKeyIsSkipped() {
    FrameCollector board = connect(supervisor("acme"));
    QueueStats globex = QueueStatsFixtures.waiting("globex", "sales", clock.instant(), 5);
    table.apply("acme", "sales", globex);
    assertThat(board.frames()).isEmpty();
    assertThat(table.find("acme", "sales")).isEmpty();
  }
}
