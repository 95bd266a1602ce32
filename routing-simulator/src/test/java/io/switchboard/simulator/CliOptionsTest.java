package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

  @Test
  void readsQueuesAgentGroupsAndShifts() {
    // given
    CliOptions options = new CliOptions("--queues=sales,support", "--arrivals-per-hour=120,30",
        "--agents=3:sales,2:sales+support", "--shift-hours=1-9", "--aht-seconds=200", "--handle-sd-seconds=100",
        "--patience-seconds=60", "--tags=urgent:0.1", "--attributes=vip=true:0.2", "--strategy=LONGEST_IDLE,RANDOM");

    // then
    assertThat(options.queues()).extracting(QueueWorkload::queue, QueueWorkload::arrivalsPerHour)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sales", 120.0),
            org.assertj.core.groups.Tuple.tuple("support", 30.0));
    assertThat(options.queues().get(0).handleTime().toString()).startsWith("log-normal");
    assertThat(options.queues().get(0).patience()).isNotNull();
    assertThat(options.queues().get(0).attributes()).containsEntry("vip=true", 0.2);
    assertThat(options.agents()).hasSize(5).last().satisfies(agent -> {
      assertThat(agent.queues()).containsExactly("sales", "support");
      assertThat(agent.startMs()).isEqualTo(3_600_000);
      assertThat(agent.endMs()).isEqualTo(9 * 3_600_000);
    });
    assertThat(options.strategies()).containsExactly("LONGEST_IDLE", "RANDOM");
  }

  @Test
  void namesTheOptionThatIsWrong() {
    assertThatThrownBy(() -> new CliOptions("--agent=3")).hasMessage("Unknown option --agent");
    assertThatThrownBy(() -> new CliOptions("--hours=eight").settings()).hasMessageContaining("--hours");
    assertThatThrownBy(() -> new CliOptions("--tags=urgent:2").queues()).hasMessageContaining("within 0..1");
  }

  @Test
  void commandPrintsATableOrExplainsTheBadOption() {
    // given
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // when
    int ok = SimulatorMain.run(new String[] {"--agents=2", "--arrivals-per-hour=30", "--aht-seconds=120",
        "--hours=0.5", "--seed=3"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    int bad = SimulatorMain.run(new String[] {"--hours=-1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    // then
    assertThat(ok).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("SL20s").contains("general").contains("LONGEST_IDLE");
    assertThat(bad).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--hours");
  }

  @Test
  void readsAReplayAndRefusesOptionsThatDoNotApplyToIt() {
    // given
    CliOptions options = new CliOptions("--replay-bootstrap=kafka:9092", "--tenant=acme",
        "--from=2026-03-02T08:00:00Z", "--to=2026-03-02T18:00:00+01:00", "--strategy=ROUND_ROBIN");

    // then
    assertThat(options.replay()).isEqualTo(new ReplayOptions("kafka:9092", "acme",
        java.time.Instant.parse("2026-03-02T08:00:00Z"), java.time.Instant.parse("2026-03-02T17:00:00Z")));
    assertThat(new CliOptions("--agents=3").replay()).isNull();
    assertThatThrownBy(() -> new CliOptions("--replay-bootstrap=kafka:9092")).hasMessageContaining("--tenant");
    assertThatThrownBy(() -> new CliOptions("--replay-bootstrap=kafka:9092", "--tenant=acme", "--agents=3"))
        .hasMessageContaining("--agents does not apply to a replay");
    assertThatThrownBy(() -> new CliOptions("--tenant=acme")).hasMessageContaining("--replay-bootstrap");
    assertThatThrownBy(() -> new CliOptions("--replay-bootstrap=k:9092", "--tenant=acme", "--from=yesterday"))
        .hasMessageContaining("--from");
    assertThatThrownBy(() -> new CliOptions("--replay-bootstrap=k:9092", "--tenant=acme",
        "--from=2026-03-02T08:00:00Z", "--to=2026-03-02T07:00:00Z")).hasMessageContaining("--to must be after");
    assertThatThrownBy(() -> new CliOptions("--strategy=FASTEST").strategies()).hasMessageContaining("FASTEST");
  }

  @Test
  void replayCommandPrintsTheRecordedRowAboveTheStrategiesOrExplainsWhatIsWrong() {
    // given a recorded hour: one agent, a call answered after 30 s (outside SL 20 s), one abandoned after 50 s
    RecordedDay day = new RecordedDay("acme");
    day.signedIn("a1", java.util.List.of("sales"), java.util.Map.of(), 0);
    day.queued("c1", "sales", 60).answered("c1", "a1", 90)
        .ended("c1", io.switchboard.schemas.avro.CallOutcome.ENDED, 400);
    day.queued("c2", "sales", 100).ended("c2", io.switchboard.schemas.avro.CallOutcome.ABANDONED, 150);
    day.queued("c3", "sales", 3000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    java.util.List<ReplayOptions> asked = new java.util.ArrayList<>();

    // when
    int ok = run(out, err, options -> {
      asked.add(options);
      return day.recording();
    }, "--replay-bootstrap=kafka:9092", "--tenant=acme", "--strategy=LONGEST_IDLE,ROUND_ROBIN");
    int bad = run(out, err, options -> day.recording(), "--replay-bootstrap=kafka:9092", "--tenant=acme",
        "--hours=2");
    int unreadable = run(out, err, options -> {
      throw new IllegalStateException("Topic call.events not found");
    }, "--replay-bootstrap=kafka:9092", "--tenant=acme");

    // then
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(ok).isZero();
    assertThat(asked).extracting(ReplayOptions::tenant).containsExactly("acme");
    assertThat(table).contains("2 calls, 1 agents in 1 shifts")
        .contains("1 calls still waiting at the end of the recording");
    assertThat(table.lines().filter(line -> line.startsWith("sales")).map(line -> line.split("\\s+")[1]))
        .containsExactly("recorded", "LONGEST_IDLE", "ROUND_ROBIN");
    assertThat(table.lines().filter(line -> line.contains("recorded")).findFirst().orElseThrow())
        .matches("sales\\s+recorded\\s+2\\s+1\\s+1\\s+0\\.0%\\s+30\\.0\\s+310\\.0\\s+50\\.0%\\s+10\\.3%");
    assertThat(bad).isEqualTo(2);
    assertThat(unreadable).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--hours does not apply to a replay")
        .contains("Cannot replay tenant acme from kafka:9092: Topic call.events not found");
  }

  private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err,
      ReplayCommand.RecordingSource source, String... args) {
    return SimulatorMain.run(args, source, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
