package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.NumberTransferFailed;
import io.switchboard.schemas.avro.NumberTransferRequested;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.TransferTargetType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Blind transfers of a connected call under its id: to a queue (queued there, the agent released) or to a
 * named agent (offered to that agent alone, as a forced assignment is), or refused with nothing changed.
 */
class TransferTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @BeforeEach
  void a1AnswersC1OfSupport() {
    routing.configure(RoutingScenario.queue(TENANT, "support").setReservationTimeoutSeconds(10));
    routing.configure(RoutingScenario.queue(TENANT, "billing"));
    routing.agent(TENANT, "a1", 1, "support").available(TENANT, "a1");
    routing.call(TENANT, "c1", "support");
    routing.answered(TENANT, "c1", Summaries.lastOffer(routing.decisions()));
    routing.decisions();
  }

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void aTransferToAQueueQueuesTheCallThereAndOffersItToThatQueuesAgent() {
    routing.agent(TENANT, "b1", 1, "billing").available(TENANT, "b1");
    routing.decisions();

    routing.transfer(TENANT, "c1", TransferTargetType.QUEUE, "billing", "a1");

    List<RoutingDecision> decided = routing.decisions();
    assertThat(Summaries.of(decided)).containsExactly("queued c1 at 1 priority 100", "offered c1 to b1");
    assertThat(decided.get(0).getQueue()).isEqualTo("billing");
    assertThat(decided.get(0).getReason()).startsWith("transferred by a1: entered queue billing");
    routing.answered(TENANT, "c1", Summaries.lastOffer(decided));
    assertThat(Summaries.of(routing.decisions())).containsExactly("accepted c1 by b1");
  }

  @Test
  void theTransferringAgentIsReleasedAndTakesTheNextCall() {
    routing.transfer(TENANT, "c1", TransferTargetType.QUEUE, "billing", "a1");
    routing.decisions();

    routing.call(TENANT, "c2", "support");

    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c2 at 1 priority 100", "offered c2 to a1");
  }

  @Test
  void aTransferToAnAgentOffersTheCallToThatAgentAlone() {
    // b1 is not of support: only the transfer can offer it a support call.
    routing.agent(TENANT, "b1", 1, "billing").available(TENANT, "b1");
    routing.agent(TENANT, "a2", 1, "support").available(TENANT, "a2");
    routing.decisions();

    routing.transfer(TENANT, "c1", TransferTargetType.AGENT, "b1", "a1");

    List<RoutingDecision> decided = routing.decisions();
    assertThat(Summaries.of(decided)).containsExactly("queued c1 at 1 priority 100", "offered c1 to b1");
    assertThat(decided.get(0).getQueue()).isEqualTo("support");
    assertThat(decided.get(1).getReason()).contains("agent b1 was named by a1", "blind transfer");
    routing.answered(TENANT, "c1", Summaries.lastOffer(decided));
    assertThat(Summaries.of(routing.decisions())).containsExactly("accepted c1 by b1");
  }

  @Test
  void aDeclinedTransferLeavesTheCallWaitingInItsQueueForItsAgents() {
    routing.agent(TENANT, "b1", 1, "billing").available(TENANT, "b1");
    routing.decisions();
    routing.transfer(TENANT, "c1", TransferTargetType.AGENT, "b1", "a1");
    List<RoutingDecision> offered = routing.decisions();

    routing.declined(TENANT, "c1", Summaries.lastOffer(offered), "busy");

    // a1 is free again (no wrap-up in support) and is of the queue: the call goes back to it.
    assertThat(Summaries.of(routing.decisions())).containsExactly("rejected c1 by b1", "offered c1 to a1");
  }

  @Test
  void aTransferToAnAgentWhoCannotTakeTheCallIsRefusedAndTheCallStaysConnected() {
    routing.agent(TENANT, "brk", 1, "billing").available(TENANT, "brk").status(TENANT, "brk", AgentStatus.BREAK);
    routing.decisions();

    routing.transfer(TENANT, "c1", TransferTargetType.AGENT, "brk", "a1")
        .transfer(TENANT, "c1", TransferTargetType.AGENT, "ghost", "a1");

    List<RoutingDecision> refused = routing.decisions();
    assertThat(Summaries.of(refused)).containsExactly("assignment of c1 to brk refused: AGENT_NOT_AVAILABLE",
        "assignment of c1 to ghost refused: AGENT_UNKNOWN");
    assertThat(refused.get(0).getReason()).contains("transfer by a1 to agent brk refused", "nothing changed");
    // a1 still has the call: a new call waits.
    routing.call(TENANT, "c2", "support");
    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c2 at 1 priority 100");
  }

  @Test
  void theTransferringAgentGoesToTheWrapUpOfTheCallsQueue() {
    routing.configure(RoutingScenario.queue(TENANT, "support").setWrapUpSeconds(30));
    routing.transfer(TENANT, "c1", TransferTargetType.QUEUE, "billing", "a1");
    routing.call(TENANT, "c2", "support");

    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c1 at 1 priority 100",
        "queued c2 at 1 priority 100");
    routing.advance(Duration.ofSeconds(31));
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c2 to a1");
  }

  @Test
  void aTransferOfACallNotConnectedChangesNothing() {
    routing.call(TENANT, "c2", "support");
    routing.decisions();

    routing.transfer(TENANT, "c2", TransferTargetType.QUEUE, "billing", "a1")
        .transfer(TENANT, "nowhere", TransferTargetType.AGENT, "a1", "a1");

    assertThat(routing.decisions()).isEmpty();
  }

  @Test
  void anExternalTransferEndsTheCallForRouting() {
    routing.transfer(TENANT, "c1", TransferTargetType.EXTERNAL, "sip:+15550100@example.com", "a1");
    routing.call(TENANT, "c2", "support");

    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c2 at 1 priority 100", "offered c2 to a1");
    routing.ended(TENANT, "c1", CallOutcome.TRANSFERRED);
    assertThat(routing.decisions()).isEmpty();
  }

  @Test
  void aTransferToANumberAskedForOrFailedChangesNothingUntilTheNumberAnswers() {
    RoutedCall callBefore = routing.storedCall(TENANT, "c1");
    AgentState agentBefore = routing.storedAgent(TENANT, "a1");

    routing.callEvent(TENANT, "c1", new NumberTransferRequested("15550100", "a1"));
    routing.callEvent(TENANT, "c1", new NumberTransferFailed("15550100", 486, "Busy Here", "a1"));
    routing.callEvent(TENANT, "c1", new NumberTransferRequested("15550100", "a1"));

    assertThat(routing.decisions()).isEmpty();
    assertThat(routing.storedCall(TENANT, "c1")).isEqualTo(callBefore);
    assertThat(routing.storedAgent(TENANT, "a1")).isEqualTo(agentBefore);
    // The bridge's CallTransferred EXTERNAL, once the number answered, frees a1 for the next call.
    routing.transfer(TENANT, "c1", TransferTargetType.EXTERNAL, "15550100", "a1");
    routing.call(TENANT, "c2", "support");
    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c2 at 1 priority 100", "offered c2 to a1");
  }
}
