package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.SessionPresence;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PresenceTableTest {

  private final PresenceTable table = new PresenceTable();

  private static SessionPresence sessions(String endpoint, String instance, int open) {
    return new SessionPresence(UUID.randomUUID(), "acme", Instant.EPOCH, instance, endpoint, open);
  }

  @Test
  void anEndpointIsHeldElsewhereWhileAnotherInstanceSaysItHasASession() {
    table.apply("acme", "agent:a1@gw-2", sessions("agent:a1", "gw-2", 1));
    table.apply("acme", "agent:a1@gw-1", sessions("agent:a1", "gw-1", 0));

    assertThat(table.heldElsewhere("acme", "agent:a1", "gw-1")).isTrue();
    // Its own record never counts: this instance's registry is the truth about itself.
    assertThat(table.heldElsewhere("acme", "agent:a1", "gw-2")).isFalse();
    assertThat(table.heldElsewhere("globex", "agent:a1", "gw-1")).isFalse();

    table.apply("acme", "agent:a1@gw-2", sessions("agent:a1", "gw-2", 0));
    assertThat(table.heldElsewhere("acme", "agent:a1", "gw-1")).isFalse();
    assertThat(table.known("acme", "agent:a1")).isTrue();
  }

  @Test
  void subjectsWithAnAtSignAndTombstonesAreRead() {
    table.apply("acme", "customer:ada@example.com@gw-2", sessions("customer:ada@example.com", "gw-2", 2));
    assertThat(table.heldElsewhere("acme", "customer:ada@example.com", "gw-1")).isTrue();

    table.apply("acme", "customer:ada@example.com@gw-2", null);
    assertThat(table.heldElsewhere("acme", "customer:ada@example.com", "gw-1")).isFalse();
    assertThat(table.known("acme", "agent:never")).isFalse();
  }
}
