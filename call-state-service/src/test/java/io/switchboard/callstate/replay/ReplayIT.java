package io.switchboard.callstate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.TestService;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestDatabase;
import io.switchboard.testsupport.TestIssuer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Replay against the real broker and PostgreSQL: the projection rebuilt from the beginning of the
 * topics into fresh tables while the live ones serve, switched over, and equal to the live ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String REBUILD = "callstate_rebuild";
  private static final String RETIRED = "callstate_retired";

  private static TestDatabase database;
  private static EventProducer producer;
  private static ConfigurableApplicationContext context;
  private static WebTestClient http;
  private static String baseUrl;
  private static Tables tables;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void startService() {
    database = SharedPostgres.newDatabase("replay");
    producer = new EventProducer();
    context = TestService.start(database, "--switchboard.housekeeping.enabled=false",
        "--switchboard.replay.progress-interval=100ms");
    baseUrl = TestService.url(context);
    http = TestService.http(context, PATIENCE);
    tables = new Tables(database);
  }

  @AfterAll
  static void stopService() {
    context.close();
    producer.close();
  }

  @Test
  @Order(1)
  void aSecondRequestIsRefusedAndACancelledReplayLeavesTheLiveTablesAsTheyWere() throws Exception {
    // given a projected day, and a rebuild schema left behind, locked by someone
    new Scenario(producer, "early-" + suffix).publish(12, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    Poll.until(PATIENCE, "the live projection to catch up", () -> tables.caughtUp() ? true : null);
    Map<String, List<String>> before = tables.snapshot("public");
    try (Connection lock = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
      try (Statement sql = lock.createStatement()) {
        sql.execute("CREATE SCHEMA " + REBUILD + "; CREATE TABLE " + REBUILD + ".leftover (x int)");
        lock.setAutoCommit(false);
        sql.execute("LOCK TABLE " + REBUILD + ".leftover IN ACCESS EXCLUSIVE MODE");
      }

      // when a replay starts (and waits for the lock to drop the leftover schema)
      ReplayStatus started = http.post().uri("/admin/replay").exchange()
          .expectStatus().isAccepted().expectBody(ReplayStatus.class).returnResult().getResponseBody();

      // then it is preparing, and a second request is refused with a reason
      assertThat(started.phase()).isEqualTo(ReplayPhase.PREPARING);
      http.post().uri("/admin/replay").exchange().expectStatus().isEqualTo(409)
          .expectBody().jsonPath("$.message").value(message -> assertThat((String) message).contains("already running"));
      http.get().uri("/admin/replay").exchange().expectStatus().isOk()
          .expectBody().jsonPath("$.phase").isEqualTo("PREPARING");

      // when it is cancelled, and the lock goes
      CompletableFuture<ReplayStatus> cancelled = CompletableFuture.supplyAsync(() -> http.delete().uri("/admin/replay")
          .exchange().expectStatus().isOk().expectBody(ReplayStatus.class).returnResult().getResponseBody());
      Poll.until(PATIENCE, "the cancel request to arrive", () -> cancelRequested() ? true : null);
      lock.commit();

      // then it ends cancelled, its tables are gone and the live ones are untouched
      assertThat(cancelled.get().phase()).isEqualTo(ReplayPhase.CANCELLED);
    }
    assertThat(schemaExists(REBUILD)).isFalse();
    assertThat(tables.snapshot("public")).isEqualTo(before);
    http.delete().uri("/admin/replay").exchange().expectStatus().isEqualTo(409);
  }

  @Test
  @Order(2)
  void aReplaySwitchesOverWhileTheOldTablesServeAndRebuildsTablesEqualToTheLiveOnes() {
    // given a projected day
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String tenant = "day-" + suffix;
    new Scenario(producer, tenant).publish(40, t0);
    Poll.until(PATIENCE, "the live projection to catch up", () -> tables.caughtUp() ? true : null);

    // when a replay runs while more calls arrive and the read API is used
    http.post().uri("/admin/replay").exchange().expectStatus().isAccepted();
    String laterTenant = "later-" + suffix;
    List<String> later = new Scenario(producer, laterTenant).publish(10, t0.plusSeconds(3_600));
    http.get().uri("/api/v1/calls?limit=5").header("X-Tenant-Id", tenant).exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.items.length()").isEqualTo(5);
    ReplayStatus done = Poll.until(PATIENCE, "the replay to finish", () -> {
      ReplayStatus status = status();
      return status.active() ? null : status;
    });

    // then the new tables are live, with the calls that arrived meanwhile, and the old ones retired
    assertThat(done.phase()).as("%s", done).isEqualTo(ReplayPhase.DONE);
    assertThat(done.records()).isPositive();
    assertThat(done.lag()).isZero();
    assertThat(done.percent()).isEqualTo(100.0);
    assertThat(done.pausedMillis()).isNotNull();
    assertThat(done.liveSchema()).isEqualTo("public");
    assertThat(done.retiredSchema()).isEqualTo(RETIRED);
    assertThat(schemaExists(REBUILD)).isFalse();
    Poll.until(PATIENCE, "the calls that arrived during the replay", () -> tables.caughtUp()
        && count("SELECT count(*) AS n FROM calls WHERE tenant_id = ? AND state IN ('ENDED', 'ABANDONED')",
        laterTenant) == later.size() ? true : null);
    http.get().uri("/api/v1/calls/" + later.get(0)).header("X-Tenant-Id", laterTenant).exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.callId").isEqualTo(later.get(0));

    // when the now-live tables are replayed again, with the command, on quiet topics
    Map<String, List<String>> live = tables.snapshot("public");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TestIssuer.shared().registerClient("replay-it", "replay-secret");
    int exit = ReplayCommand.run(List.of("--url=" + baseUrl, "--interval=100ms",
        "--token-url=" + TestIssuer.shared().tokenUri(), "--client-id=replay-it", "--client-secret=replay-secret"),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    // then the rebuilt tables equal the live ones row for row, and the replaced ones moved intact
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(TestIssuer.shared().tokensIssued("replay-it")).as("one token for the whole replay").isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("DONE").contains(RETIRED);
    assertThat(live).allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());
    assertThat(tables.snapshot("public")).isEqualTo(live);
    assertThat(tables.snapshot(RETIRED)).isEqualTo(live);

    // and the retired tables can be dropped, once
    http.delete().uri("/admin/replay/retired").exchange().expectStatus().isNoContent();
    assertThat(schemaExists(RETIRED)).isFalse();
    http.delete().uri("/admin/replay/retired").exchange().expectStatus().isNotFound();
  }

  private static ReplayStatus status() {
    return http.get().uri("/admin/replay").exchange().expectStatus().isOk().expectBody(ReplayStatus.class)
        .returnResult().getResponseBody();
  }

  /** The replay thread is blocked on the lock: a cancel request has arrived once its waiting shows. */
  private static boolean cancelRequested() {
    return count("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = ?",
        database.name()) > 0;
  }

  private static boolean schemaExists(String schema) {
    return count("SELECT count(*) AS n FROM pg_namespace WHERE nspname = ?", schema) > 0;
  }

  private static long count(String sql, Object... params) {
    return ((Number) database.query(sql, params).get(0).get("n")).longValue();
  }
}
