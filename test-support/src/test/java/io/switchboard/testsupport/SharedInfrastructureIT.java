package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SharedInfrastructureIT {

  @Test
  void aCallEventProducedIsReadBackDecoded() {
    String callId = "call-" + UUID.randomUUID();
    CallEvent event = new CallEvent(UUID.randomUUID(), "tenant-it", Instant.now(), "test", callId,
        new CallEnded(CallOutcome.ENDED, "test", null));

    try (EventProducer producer = new EventProducer(); EventLog<CallEvent> log = EventLog.of(Topics.CALL_EVENTS)) {
      producer.send(Topics.CALL_EVENTS, callId, event);

      assertThat(log.await(e -> e.getCallId().equals(callId), Duration.ofSeconds(20))).isEqualTo(event);
    }
  }

  @Test
  void eachDatabaseIsFreshAndQueryable() {
    TestDatabase first = SharedPostgres.newDatabase("first");
    TestDatabase second = SharedPostgres.newDatabase("second");

    assertThat(first.name()).isNotEqualTo(second.name());
    assertThat(first.query("SELECT current_database() AS db").get(0)).containsEntry("db", first.name());
    assertThat(second.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'")
        .get(0).get("n")).isEqualTo(0L);
  }
}
