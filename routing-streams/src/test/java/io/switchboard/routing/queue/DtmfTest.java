package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.RoutingOffered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key presses ({@code DtmfReceived}) in every phase of a call: routing makes no decision on them and
 * keeps its stores as they were, and the call's story goes on as if no key had been pressed.
 */
class DtmfTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @BeforeEach
  void supportWithOneAgent() {
    routing.configure(RoutingScenario.queue(TENANT, "support"));
    routing.agent(TENANT, "a1", 1, "support").available(TENANT, "a1");
    routing.decisions();
  }

  @AfterEach
  void close() {
    routing.close();
  }

  private RoutingScenario keyPressed(String callId, String participantId, String digit, DtmfMethod method) {
    return routing.callEvent(TENANT, callId, new DtmfReceived(participantId, digit, 120, method));
  }

  @Test
  void aKeyPressedWhileRingingDecidesNothingAndTheOfferStillTakesTheAnswer() {
    // given c1 offered to a1
    routing.call(TENANT, "c1", "support");
    RoutingOffered offer = Summaries.lastOffer(routing.decisions());
    RoutedCall callBefore = routing.storedCall(TENANT, "c1");
    AgentState agentBefore = routing.storedAgent(TENANT, "a1");

    // when the caller presses keys
    keyPressed("c1", "customer", "1", DtmfMethod.RFC4733);
    keyPressed("c1", "customer", "#", DtmfMethod.SIP_INFO);

    // then no decision, nothing stored changed, and a1's answer is still accepted
    assertThat(routing.decisions()).isEmpty();
    assertThat(routing.storedCall(TENANT, "c1")).isEqualTo(callBefore);
    assertThat(routing.storedAgent(TENANT, "a1")).isEqualTo(agentBefore);
    routing.answered(TENANT, "c1", offer);
    assertThat(Summaries.of(routing.decisions())).containsExactly("accepted c1 by a1");
  }

  @Test
  void aKeyPressedOnAConnectedCallDecidesNothingAndTheEndStillFreesTheAgent() {
    // given c1 answered by a1, and c2 waiting behind it
    routing.call(TENANT, "c1", "support");
    routing.answered(TENANT, "c1", Summaries.lastOffer(routing.decisions()));
    routing.call(TENANT, "c2", "support");
    assertThat(Summaries.of(routing.decisions())).containsExactly("accepted c1 by a1", "queued c2 at 1 priority 100");
    RoutedCall connectedBefore = routing.storedCall(TENANT, "c1");
    RoutedCall waitingBefore = routing.storedCall(TENANT, "c2");
    AgentState agentBefore = routing.storedAgent(TENANT, "a1");

    // when the agent and the waiting caller press keys
    keyPressed("c1", "a1", "5", DtmfMethod.RFC4733);
    keyPressed("c2", "customer", "0", DtmfMethod.RFC4733);

    // then no decision and nothing stored changed; when c1 ends, a1 takes c2
    assertThat(routing.decisions()).isEmpty();
    assertThat(routing.storedCall(TENANT, "c1")).isEqualTo(connectedBefore);
    assertThat(routing.storedCall(TENANT, "c2")).isEqualTo(waitingBefore);
    assertThat(routing.storedAgent(TENANT, "a1")).isEqualTo(agentBefore);
    routing.ended(TENANT, "c1", CallOutcome.ENDED);
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c2 to a1");
  }

  @Test
  void aKeyPressedForACallRoutingDoesNotKnowCreatesNothing() {
    keyPressed("ghost", "customer", "9", DtmfMethod.SIP_INFO);

    assertThat(routing.decisions()).isEmpty();
    assertThat(routing.storedCall(TENANT, "ghost")).isNull();
    routing.call(TENANT, "c1", "support");
    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c1 at 1 priority 100", "offered c1 to a1");
  }
}
