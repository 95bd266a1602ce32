package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.CallOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallFactCacheTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final Facts one = new Facts("c-1");
  private final Facts two = new Facts("c-2");
  private final Facts three = new Facts("c-3");
  private final CallKey keyOne = new CallKey(Facts.TENANT, "c-1");
  private final CallKey keyTwo = new CallKey(Facts.TENANT, "c-2");
  private final CallKey keyThree = new CallKey(Facts.TENANT, "c-3");

  @Test
  void holdsOnlyTheCallsPutAndReplacesAWholeLog() {
    CallFactCache cache = new CallFactCache(100);
    CallFact created = one.created(T0);
    CallFact queued = one.queued(T0.plusSeconds(1));

    cache.committed(Map.of(keyOne, List.of(created)));
    cache.committed(Map.of(keyOne, List.of(created, queued)));

    assertThat(cache.get(List.of(keyOne, keyTwo))).containsOnlyKeys(keyOne);
    assertThat(cache.get(List.of(keyOne)).get(keyOne)).containsExactly(created, queued);
    assertThat(cache.heldFacts()).isEqualTo(2);
  }

  @Test
  void dropsTheCallsUsedLeastRecentlyBeyondTheBound() {
    // given three calls of two facts each and room for four facts
    CallFactCache cache = new CallFactCache(4);
    cache.committed(Map.of(keyOne, List.of(one.created(T0), one.queued(T0))));
    cache.committed(Map.of(keyTwo, List.of(two.created(T0), two.queued(T0))));

    // when the first call is used again, then a third one put
    cache.get(List.of(keyOne));
    cache.committed(Map.of(keyThree, List.of(three.created(T0), three.queued(T0))));

    // then the second call, used least recently, is gone
    assertThat(cache.get(List.of(keyOne, keyTwo, keyThree))).containsOnlyKeys(keyOne, keyThree);
    assertThat(cache.heldFacts()).isEqualTo(4);
  }

  @Test
  void clearForgetsEverything() {
    CallFactCache cache = new CallFactCache(100);
    cache.committed(Map.of(keyOne, List.of(one.created(T0)), keyTwo, List.of(two.created(T0))));

    cache.clear();

    assertThat(cache.get(List.of(keyOne, keyTwo))).isEmpty();
    assertThat(cache.heldFacts()).isZero();
  }

  @Test
  void withNoRoomHoldsNothing() {
    CallFactCache cache = new CallFactCache(0);

    cache.committed(Map.of(keyOne, List.of(one.created(T0))));

    assertThat(cache.get(List.of(keyOne))).isEmpty();
    assertThatThrownBy(() -> new CallFactCache(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mergeAddsEachEventOnceAndKeepsTheHeldCopy() {
    // given a held log and new events, one of them a duplicate of a held event (same event id)
    CallFact created = one.created(T0);
    CallFact queued = one.queued(T0.plusSeconds(1));
    CallFact ended = one.ended(T0.plusSeconds(9), CallOutcome.ENDED);
    CallFact createdAgain = new CallFact(created.eventId(), created.tenantId(), created.callId(),
        created.occurredAt(), created.payload(), null, created.topic(), created.partition(), 99);

    // when merged, out of order
    List<CallFact> merged = CallFactCache.merge(List.of(queued, created), List.of(ended, createdAgain));

    // then every event is there once, the held copy of the duplicate
    assertThat(merged).containsExactly(queued, created, ended);
  }

  @Test
  void aLogPutCannotBeChangedThroughTheCallersList() {
    CallFactCache cache = new CallFactCache(100);
    List<CallFact> log = new ArrayList<>(List.of(one.created(T0)));

    cache.committed(Map.of(keyOne, log));
    log.add(one.queued(T0));

    assertThat(cache.get(List.of(keyOne)).get(keyOne)).hasSize(1);
    assertThat(cache.heldFacts()).isEqualTo(1);
  }

  @Test
  void aBatchInFlightIsSeenByTheNextUntilItCommitsAndThenStaysHeld() {
    // given a committed log and a batch in flight that extends it
    CallFactCache cache = new CallFactCache(100);
    CallFact created = one.created(T0);
    List<CallFact> inFlight = List.of(created, one.queued(T0.plusSeconds(1)));
    cache.committed(Map.of(keyOne, List.of(created)));

    assertThat(cache.hold(Map.of(keyOne, inFlight), cache.generation())).isTrue();

    // then the next batch folds on top of the batch in flight, which is not counted as committed yet
    assertThat(cache.get(List.of(keyOne)).get(keyOne)).isEqualTo(inFlight);
    assertThat(cache.heldFacts()).isEqualTo(1);

    // and once it commits, its log is the committed one
    cache.committed(Map.of(keyOne, inFlight));
    assertThat(cache.get(List.of(keyOne)).get(keyOne)).isEqualTo(inFlight);
    assertThat(cache.heldFacts()).isEqualTo(2);
  }

  @Test
  void aCommitLeavesALaterBatchInFlightInPlace() {
    CallFactCache cache = new CallFactCache(100);
    List<CallFact> first = List.of(one.created(T0));
    List<CallFact> second = List.of(first.get(0), one.queued(T0.plusSeconds(1)));
    cache.hold(Map.of(keyOne, first), cache.generation());
    cache.hold(Map.of(keyOne, second), cache.generation());

    cache.committed(Map.of(keyOne, first));

    assertThat(cache.get(List.of(keyOne)).get(keyOne)).isEqualTo(second);
  }

  @Test
  void aBatchPreparedBeforeAClearHoldsNothing() {
    // given a batch that started preparing, then a failure that cleared the cache
    CallFactCache cache = new CallFactCache(100);
    long generation = cache.generation();
    cache.hold(Map.of(keyTwo, List.of(two.created(T0))), generation);
    cache.clear();

    // when the batch, still running, tries to hold its logs
    boolean held = cache.hold(Map.of(keyOne, List.of(one.created(T0))), generation);

    // then it is refused (it must not be written) and nothing from before the clear is held
    assertThat(held).isFalse();
    assertThat(cache.get(List.of(keyOne, keyTwo))).isEmpty();
  }

  @Test
  void logsInFlightAreNotDroppedForRoom() {
    CallFactCache cache = new CallFactCache(1);
    List<CallFact> log = List.of(one.created(T0), one.queued(T0));
    cache.hold(Map.of(keyOne, log), cache.generation());

    cache.committed(Map.of(keyTwo, List.of(two.created(T0), two.queued(T0))));

    assertThat(cache.get(List.of(keyOne, keyTwo))).containsOnlyKeys(keyOne);
  }
}
