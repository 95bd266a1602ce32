package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.RoutingStrategy;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.avro.SkillRelaxationStep;
import io.switchboard.schemas.avro.SkillRequirement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The routing index lives in memory and is rebuilt from the stores when a task starts. A task that
 * restarts (index dropped, processors new, stores kept) must decide exactly as one that never did.
 */
class RoutingIndexRebuildTest {

  private static final String TENANT = "acme";
  private static final Instant START = Instant.parse("2026-11-22T09:00:00Z");
  private static final RoutingStrategy[] STRATEGIES = {RoutingStrategy.LONGEST_IDLE, RoutingStrategy.ROUND_ROBIN,
      RoutingStrategy.FEWEST_CALLS, RoutingStrategy.LEAST_TALK_TIME, RoutingStrategy.BEST_SKILL_MATCH,
      RoutingStrategy.RANDOM};

  @Test
  void aTaskRestartedOnItsStoresDecidesExactlyAsOneThatNeverRestarted() {
    // given the same seeded workload, once straight through and once with restarts every 150 steps
    List<String> straight = run(Integer.MAX_VALUE);
    List<String> restarted = run(150);

    // then the decisions are the same, and the workload exercised offers, queueing, declines and forced assignments
    assertThat(restarted).isEqualTo(straight);
    assertThat(straight).anyMatch(d -> d.startsWith("RoutingOffered"))
        .anyMatch(d -> d.startsWith("RoutingQueued"))
        .anyMatch(d -> d.startsWith("ReservationRejected"))
        .anyMatch(d -> d.startsWith("RoutingOffered") && d.contains("forced assignment"))
        .anyMatch(d -> d.startsWith("AssignmentRefused"));
  }

  /** Agents with skills in six queues (one per strategy), calls arriving, answered, declined, force-assigned, ended. */
  private List<String> run(int restartEvery) {
    SplittableRandom random = new SplittableRandom(2026);
    RoutingTask task = new RoutingTask(START);
    for (int q = 0; q < STRATEGIES.length; q++) {
      task.queue(RoutingScenario.queue(TENANT, "q" + q).setStrategy(STRATEGIES[q]).setRandomSeed(7)
          .setWrapUpSeconds(q % 2 == 0 ? 0 : 5).setRequiredSkills(List.of(new SkillRequirement("english", 5)))
          .setSkillRelaxation(List.of(new SkillRelaxationStep(20, 2, false), new SkillRelaxationStep(40, 0, true)))
          .build());
    }
    for (int a = 0; a < 30; a++) {
      List<String> queues = List.of("q" + a % STRATEGIES.length, "q" + (a + 1) % STRATEGIES.length);
      task.agent(agentEvent("a" + a, AgentRegistered.newBuilder().setQueues(queues).setCapacity(1 + a % 2)
          .setSkills(List.of(new Skill("english", 1 + a % 10))).build()));
      task.agent(agentEvent("a" + a, new AgentStatusChanged(AgentStatus.AVAILABLE, null)));
    }
    List<String> seen = new ArrayList<>();
    // Offers to answer; some are stale by then (expired, rescinded): routing ignores those, in both runs.
    List<Ring> ringing = new ArrayList<>();
    List<String> connected = new ArrayList<>();
    List<String> created = new ArrayList<>();
    for (int step = 1; step <= 900; step++) {
      if (step % restartEvery == 0) {
        task.restart();
      }
      int action = random.nextInt(10);
      if (action < 4) {
        String callId = "c" + step;
        String queue = "q" + random.nextInt(STRATEGIES.length);
        task.call(callEvent(callId, CallCreated.newBuilder().setDirection(CallDirection.INBOUND)
            .setChannel(CallChannel.SIP).setQueue(queue)
            .setAttributes(random.nextInt(8) == 0 ? Map.of("preferredAgent", "a" + random.nextInt(30)) : Map.of())
            .setTags(List.of()).build()));
        task.call(callEvent(callId, new CallQueued(queue, null)));
        created.add(callId);
      } else if (action < 7 && !ringing.isEmpty()) {
        Ring ring = ringing.remove(random.nextInt(ringing.size()));
        RoutingOffered offer = ring.offer();
        if (random.nextInt(5) == 0) {
          task.call(callEvent(ring.callId(), new CallDeclined(offer.getAgentId(), offer.getReservationId(), "busy")));
        } else {
          task.call(callEvent(ring.callId(), new CallAnswered(offer.getAgentId(), offer.getReservationId())));
          connected.add(ring.callId());
        }
      } else if (action < 9 && !connected.isEmpty()) {
        task.call(callEvent(connected.remove(random.nextInt(connected.size())), new CallEnded(CallOutcome.ENDED, null,
            null)));
      } else if (random.nextInt(3) == 0 && !created.isEmpty()) {
        // A supervisor force-assigns a call (waiting or not) to an agent (free or not).
        task.call(callEvent(created.get(random.nextInt(created.size())),
            new CallAssignmentRequested("a" + random.nextInt(30), "sup")));
      } else {
        String agentId = "a" + random.nextInt(30);
        task.agent(agentEvent(agentId, new AgentStatusChanged(
            random.nextBoolean() ? AgentStatus.AVAILABLE : AgentStatus.BREAK, "coffee")));
      }
      task.advance(Duration.ofMillis(200 + random.nextInt(3_000)));
      for (RoutingDecision decision : task.decisions()) {
        seen.add(summary(decision));
        if (decision.getPayload() instanceof RoutingOffered) {
          ringing.add(new Ring(decision.getCallId(), (RoutingOffered) decision.getPayload()));
        }
      }
    }
    return seen;
  }

  private record Ring(String callId, RoutingOffered offer) {}

  /** What was decided, without the random ids (event and reservation ids). */
  private static String summary(RoutingDecision decision) {
    Object payload = decision.getPayload();
    String text = payload.getClass().getSimpleName() + " " + decision.getCallId();
    if (payload instanceof RoutingOffered) {
      text += " to " + ((RoutingOffered) payload).getAgentId();
    } else if (payload instanceof RoutingQueued) {
      text += " at " + ((RoutingQueued) payload).getPosition();
    }
    return text + ": " + decision.getReason();
  }

  private static CallEvent callEvent(String callId, Object payload) {
    return new CallEvent(UUID.randomUUID(), TENANT, START, "test", callId, payload);
  }

  private static AgentEvent agentEvent(String agentId, Object payload) {
    return new AgentEvent(UUID.randomUUID(), TENANT, START, "test", agentId, payload);
  }
}
