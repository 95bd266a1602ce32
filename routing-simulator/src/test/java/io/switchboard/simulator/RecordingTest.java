package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentSkillsChanged;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.simulator.FinishedCall.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordingTest {

  private static final long HOUR = 3600;
  private static final long FOREVER = Long.MAX_VALUE;
  private final RecordedDay day = new RecordedDay("acme");

  @Test
  void callsBecomeArrivalsWithTheirRecordedHandleTimeAndPatience() {
    // given: answered, abandoned, and a callback whose caller's leg dropped before it was answered
    day.queued("answered", "sales", 60).answered("answered", "a1", 90).ended("answered", CallOutcome.ENDED, 300);
    day.queued("abandoned", "sales", 120).ended("abandoned", CallOutcome.ABANDONED, 160);
    day.queued("ringing", "sales", 130).ended("ringing", CallOutcome.CANCELLED, 145);
    day.queued("callback", "sales", 140);
    day.call("callback", 150, new CallbackRequested("+4930123"));
    day.ended("callback", CallOutcome.ABANDONED, 151).answered("callback", "a1", 400)
        .ended("callback", CallOutcome.ENDED, 460);
    day.call("vip", 200, CallCreated.newBuilder().setDirection(CallDirection.OUTBOUND)
        .setChannel(CallChannel.SIP).setQueue("support").setAttributes(Map.of("vip", "true"))
        .setTags(List.of("urgent")).build());
    day.call("vip", 200, new CallQueued("support", null));
    day.answered("vip", "a1", 210).ended("vip", CallOutcome.ENDED, 250);

    // when
    ReplayWorkload workload = shuffled(day).extract(RecordedDay.MORNING, RecordedDay.at(HOUR));

    // then
    assertThat(workload.horizonMs()).isEqualTo(HOUR * 1000);
    assertThat(workload.arrivals()).extracting(CallArrival::callId, CallArrival::queue, CallArrival::atMs,
        CallArrival::patienceMs).containsExactly(
            tuple("answered", "sales", 60_000L, FOREVER),
            tuple("abandoned", "sales", 120_000L, 40_000L),
            tuple("ringing", "sales", 130_000L, 15_000L),
            tuple("callback", "sales", 140_000L, FOREVER),
            tuple("vip", "support", 200_000L, FOREVER));
    // handle times: answered calls their own; abandoned ones one of their queue's (sales: 210 s, 60 s)
    assertThat(workload.arrivals()).extracting(CallArrival::handleMs).satisfies(handle -> {
      assertThat(List.of(handle.get(0), handle.get(3), handle.get(4))).containsExactly(210_000L, 60_000L, 40_000L);
      assertThat(List.of(handle.get(1), handle.get(2))).allMatch(ms -> ms == 210_000L || ms == 60_000L);
    });
    assertThat(workload.arrivals().get(4)).satisfies(vip -> {
      assertThat(vip.direction()).isEqualTo(CallDirection.OUTBOUND);
      assertThat(vip.attributes()).containsEntry("vip", "true");
      assertThat(vip.tags()).containsExactly("urgent");
    });
    assertThat(workload.recorded()).extracting(FinishedCall::callId, FinishedCall::answeredMs,
        FinishedCall::endedMs, FinishedCall::result).containsExactly(
            tuple("answered", 90_000L, 300_000L, Result.ANSWERED),
            tuple("abandoned", -1L, 160_000L, Result.ABANDONED),
            tuple("ringing", -1L, 145_000L, Result.ABANDONED),
            tuple("callback", 400_000L, 460_000L, Result.ANSWERED),
            tuple("vip", 210_000L, 250_000L, Result.ANSWERED));
    assertThat(workload.count(ReplayCount.HANDLE_TIME_DRAWN)).isEqualTo(2);
    assertThat(workload.queues()).containsExactly("sales", "support");
  }

  @Test
  void callsThatCannotBeReplayedAreLeftOutAndCounted() {
    // given
    day.queued("early", "sales", -60).answered("early", "a1", 10).ended("early", CallOutcome.ENDED, 100);
    day.queued("waiting", "sales", 3000);
    day.queued("talking", "sales", 3000).answered("talking", "a1", 3500);
    day.queued("rejected", "sales", 3100).ended("rejected", CallOutcome.FAILED, 3101);
    day.call("outbound", 3200, CallCreated.newBuilder().setDirection(CallDirection.OUTBOUND)
        .setChannel(CallChannel.SIP).build());
    day.queued("late", "sales", HOUR + 1);
    CallEvent duplicated = day.calls.get(0);
    Recording recording = day.recording();
    recording.add(duplicated);
    recording.add(new CallEvent(duplicated.getEventId(), "other-tenant", duplicated.getOccurredAt(), "x", "y",
        duplicated.getPayload()));
    recording.undecodable();

    // when
    ReplayWorkload workload = recording.extract(RecordedDay.MORNING, RecordedDay.at(HOUR));

    // then: the call still talking is kept, its handle time cut at the end of the recording
    assertThat(workload.arrivals()).extracting(CallArrival::callId, CallArrival::handleMs)
        .containsExactly(tuple("talking", 100_000L));
    assertThat(workload.recorded()).singleElement().extracting(FinishedCall::endedMs).isEqualTo(HOUR * 1000);
    assertThat(workload.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
        ReplayCount.QUEUED_BEFORE_WINDOW, 1L, ReplayCount.STILL_WAITING, 1L, ReplayCount.HANDLE_TIME_CUT, 1L,
        ReplayCount.ENDED_UNANSWERED, 1L, ReplayCount.NOT_QUEUED, 1L, ReplayCount.DUPLICATE, 1L,
        ReplayCount.UNDECODABLE, 1L));
  }

  @Test
  void agentsWorkWhileAvailableWithTheProfileTheyHadThen() {
    // given: a2 signed in before the window and stays; a1 takes a break, changes skills, wraps up, leaves
    day.signedIn("a2", List.of("sales"), Map.of(), -HOUR);
    day.signedIn("a1", List.of("sales"), Map.of("english", 7), 0);
    day.status("a1", AgentStatus.BUSY, 100);
    day.status("a1", AgentStatus.BREAK, 600).status("a1", AgentStatus.AVAILABLE, 900);
    day.agent("a1", 1200, new AgentSkillsChanged(List.of(new Skill("english", 9)), List.of("sales", "vip")));
    day.status("a1", AgentStatus.WRAP_UP, 1500).status("a1", AgentStatus.AVAILABLE, 1530);
    day.status("a1", AgentStatus.OFFLINE, 2000);
    day.status("ghost", AgentStatus.AVAILABLE, 100);
    day.queued("c1", "sales", 10);

    // when
    ReplayWorkload workload = shuffled(day).extract(RecordedDay.MORNING, RecordedDay.at(HOUR));

    // then
    assertThat(workload.shifts()).extracting(AgentShift::agentId, AgentShift::queues, AgentShift::skills,
        AgentShift::startMs, AgentShift::endMs).containsExactlyInAnyOrder(
            tuple("a2", List.of("sales"), Map.of(), 0L, FOREVER),
            tuple("a1", List.of("sales"), Map.of("english", 7), 0L, 600_000L),
            tuple("a1", List.of("sales"), Map.of("english", 7), 900_000L, 1_200_000L),
            tuple("a1", List.of("sales", "vip"), Map.of("english", 9), 1_200_000L, 1_500_000L),
            tuple("a1", List.of("sales", "vip"), Map.of("english", 9), 1_530_000L, 2_000_000L));
    assertThat(workload.queues()).containsExactly("sales", "vip");
  }

  @Test
  void withoutAWindowTheRecordingRunsFromItsFirstToItsLastEvent() {
    // given
    day.signedIn("a1", List.of("sales"), Map.of(), 100);
    day.queued("c1", "sales", 160).answered("c1", "a1", 170).ended("c1", CallOutcome.ENDED, 400);

    // when
    ReplayWorkload workload = day.recording().extract(null, null);

    // then
    assertThat(workload.start()).isEqualTo(RecordedDay.at(100));
    assertThat(workload.horizonMs()).isEqualTo(300_001);
    assertThat(workload.arrivals()).extracting(CallArrival::atMs).containsExactly(60_000L);
    assertThatThrownBy(() -> new Recording("nobody").extract(null, null)).hasMessageContaining("nobody");
    assertThatThrownBy(() -> day.recording().extract(Instant.parse("2027-01-01T00:00:00Z"), null))
        .hasMessageContaining("no event in the window");
  }

  /** The reader sees keys (and topics) interleaved in any order, but each key's events in log order. */
  private static Recording shuffled(RecordedDay day) {
    Map<String, List<Object>> byKey = new java.util.LinkedHashMap<>();
    day.calls.forEach(event -> byKey.computeIfAbsent("call/" + event.getCallId(), k -> new ArrayList<>()).add(event));
    day.agents.forEach(event -> byKey.computeIfAbsent("agent/" + event.getAgentId(), k -> new ArrayList<>())
        .add(event));
    List<List<Object>> pending = new ArrayList<>(byKey.values());
    Random random = new Random(3);
    Recording recording = new Recording(day.tenant);
    while (!pending.isEmpty()) {
      List<Object> key = pending.get(random.nextInt(pending.size()));
      Object event = key.remove(0);
      if (key.isEmpty()) {
        pending.remove(key);
      }
      if (event instanceof CallEvent) {
        recording.add((CallEvent) event);
      } else {
        recording.add((AgentEvent) event);
      }
    }
    return recording;
  }
}
