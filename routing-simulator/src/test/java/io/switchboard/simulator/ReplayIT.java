package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.SharedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The replay command against the real broker: a recorded morning is read back and simulated. */
class ReplayIT {

  @Test
  void replaysARecordedMorningFromTheBroker() {
    // given: a recorded morning of one tenant, another tenant's call and a record nobody can decode
    String tenant = "replay-it-" + UUID.randomUUID().toString().substring(0, 8);
    RecordedDay day = new RecordedDay(tenant);
    day.signedIn("a1", List.of("sales"), Map.of(), 0).signedIn("a2", List.of("sales"), Map.of(), 0);
    for (int i = 0; i < 20; i++) {
      String callId = tenant + "-c" + i;
      long queued = 60 + i * 90L;
      day.queued(callId, "sales", queued);
      if (i % 5 == 4) {
        day.ended(callId, CallOutcome.ABANDONED, queued + 30);
      } else {
        day.answered(callId, i % 2 == 0 ? "a1" : "a2", queued + 5 + i)
            .ended(callId, CallOutcome.ENDED, queued + 5 + i + 120);
      }
    }
    RecordedDay other = new RecordedDay("other-" + tenant);
    other.queued("other-call", "sales", 100);
    try (EventProducer producer = new EventProducer()) {
      for (AgentEvent event : day.agents) {
        producer.send(Topics.AGENT_EVENTS, event.getAgentId(), event);
      }
      for (CallEvent event : day.calls) {
        producer.send(Topics.CALL_EVENTS, event.getCallId(), event);
      }
      other.calls.forEach(event -> producer.send(Topics.CALL_EVENTS, event.getCallId(), event));
      producer.sendRaw(Topics.CALL_EVENTS.name(), "garbage", new byte[] {1, 2, 3});
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // when
    int exit = SimulatorMain.run(new String[] {"--replay-bootstrap=" + SharedKafka.bootstrapServers(),
        "--tenant=" + tenant, "--from=" + RecordedDay.MORNING, "--to=" + RecordedDay.at(3600),
        "--strategy=LONGEST_IDLE,ROUND_ROBIN"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    // then
    String report = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(report).contains("20 calls, 2 agents in 2 shifts")
        .contains("1 records that could not be decoded, skipped");
    List<String[]> rows = report.lines().filter(line -> line.startsWith("sales "))
        .map(line -> line.trim().split("\\s+")).toList();
    assertThat(rows).extracting(row -> row[1]).containsExactly("recorded", "LONGEST_IDLE", "ROUND_ROBIN");
    assertThat(rows).allSatisfy(row -> assertThat(row[2]).as("offered").isEqualTo("20"));
    assertThat(rows.get(0)).as("recorded: answered, abandoned").contains("16", "4");
    assertThat(rows.subList(1, 3)).allSatisfy(row ->
        assertThat(Long.parseLong(row[3]) + Long.parseLong(row[4])).as("answered + abandoned").isEqualTo(20));
  }
}
