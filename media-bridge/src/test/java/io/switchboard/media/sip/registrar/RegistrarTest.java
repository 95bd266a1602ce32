package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrarTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private final FakeClock clock = new FakeClock(T0);
  private final BindingTable table = new BindingTable(10);
  private final RecordingEvents events = new RecordingEvents();
  private final Registrar registrar = new Registrar(table, events, clock, "bridge-1");

  @Test
  void theOwnerPublishesTheExpiryOfBindingsItReadBackAfterARestart() {
    table.replace("acme/agent-1", bindings("agent-1", "bridge-1"), T0);
    clock.advance(Duration.ofSeconds(30));

    registrar.expire();

    assertThat(events.told).singleElement().satisfies(told -> {
      assertThat(told.reason()).isEqualTo("expired");
      assertThat(told.change().lastGone()).isTrue();
    });
  }

  @Test
  void bindingsOwnedByAnotherInstanceExpireHereWithoutBeingPublished() {
    table.replace("acme/agent-2", bindings("agent-2", "bridge-2"), T0);
    clock.advance(Duration.ofSeconds(30));

    registrar.expire();

    assertThat(events.told).isEmpty();
    assertThat(registrar.bindings("acme", "agent-2")).isEmpty();
  }

  private static AgentBindings bindings(String agentId, String owner) {
    return new AgentBindings("acme", agentId, "sip:x@acme.example",
        List.of(new Binding("sip:x@10.0.0.1", T0.plusSeconds(30), "c", 1)), owner, T0);
  }
}
