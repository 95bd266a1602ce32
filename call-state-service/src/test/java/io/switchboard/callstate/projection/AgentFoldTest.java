package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.projection.AgentFold.Applied;
import io.switchboard.callstate.projection.AgentRow.AgentSkill;
import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.Skill;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentFoldTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final AgentKey ADA = new AgentKey("acme", "a1");

  private final AgentFold fold = new AgentFold();

  @Test
  void registrationThenStatusChangeDescribeTheAgent() {
    AgentRow registered = fold.apply(AgentRow.unknown(ADA), fact(T0, new AgentRegistered("Ada",
        List.of(new Skill("english", 7)), List.of("sales"), 2, AgentChannel.SIP, "sip:a1@host"))).row();
    Applied available = fold.apply(registered, fact(T0.plusSeconds(1),
        new AgentStatusChanged(AgentStatus.AVAILABLE, null)));

    assertThat(registered.status()).isEqualTo("OFFLINE");
    assertThat(available.row().displayName()).isEqualTo("Ada");
    assertThat(available.row().skills()).containsExactly(new AgentSkill("english", 7));
    assertThat(available.row().queues()).containsExactly("sales");
    assertThat(available.row().capacity()).isEqualTo(2);
    assertThat(available.row().status()).isEqualTo("AVAILABLE");
    assertThat(available.history().status()).isEqualTo("AVAILABLE");
    assertThat(available.history().applied()).isTrue();
  }

  @Test
  void anOlderStatusIsRecordedInHistoryButDoesNotChangeTheAgent() {
    AgentRow onBreak = fold.apply(AgentRow.unknown(ADA), fact(T0.plusSeconds(10),
        new AgentStatusChanged(AgentStatus.BREAK, "lunch"))).row();

    Applied stale = fold.apply(onBreak, fact(T0, new AgentStatusChanged(AgentStatus.AVAILABLE, null)));

    assertThat(stale.row()).isEqualTo(onBreak);
    assertThat(stale.row().status()).isEqualTo("BREAK");
    assertThat(stale.row().statusReason()).isEqualTo("lunch");
    assertThat(stale.history().status()).isEqualTo("AVAILABLE");
    assertThat(stale.history().applied()).isFalse();
  }

  private static AgentFact fact(Instant at, Object payload) {
    return new AgentFact(UUID.randomUUID(), ADA.tenantId(), ADA.agentId(), at, payload, 0, 0);
  }
}
