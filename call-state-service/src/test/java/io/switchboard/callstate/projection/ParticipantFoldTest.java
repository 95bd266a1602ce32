package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ParticipantRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParticipantFoldTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private final Facts facts = new Facts("call-1");
  private final ParticipantFold fold = new ParticipantFold();

  @Test
  void aJoinRecordsRoleNameTimeAndMedia() {
    // given
    List<CallFact> events = List.of(facts.created(T0), facts.joined(T0.plusSeconds(1), "p1", ParticipantRole.AGENT,
        true, false));

    // when
    ParticipantRow row = single(fold.fold(Facts.TENANT, "call-1", events));

    // then
    assertThat(row.participantId()).isEqualTo("p1");
    assertThat(row.role()).isEqualTo("AGENT");
    assertThat(row.displayName()).isEqualTo("Name of p1");
    assertThat(row.joinedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(row.leftAt()).isNull();
    assertThat(row.joinCount()).isEqualTo(1);
    assertThat(row.audio()).isTrue();
    assertThat(row.video()).isFalse();
    assertThat(row.screenShare()).isFalse();
    assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void anUpdateChangesOnlyTheMediaItNames() {
    // given
    List<CallFact> events = List.of(facts.joined(T0, "p1", ParticipantRole.CUSTOMER, true, false),
        facts.updated(T0.plusSeconds(5), "p1", null, true, null),
        facts.updated(T0.plusSeconds(9), "p1", false, null, true));

    // when
    ParticipantRow row = single(fold.fold(Facts.TENANT, "call-1", events));

    // then
    assertThat(row.audio()).isFalse();
    assertThat(row.video()).isTrue();
    assertThat(row.screenShare()).isTrue();
    assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void aLeaveRecordsItsTimeAndReasonAndKeepsTheLastMedia() {
    // given
    List<CallFact> events = List.of(facts.joined(T0, "p1", ParticipantRole.GUEST, true, true),
        facts.left(T0.plusSeconds(30), "p1", "hung up"));

    // when
    ParticipantRow row = single(fold.fold(Facts.TENANT, "call-1", events));

    // then
    assertThat(row.joinedAt()).isEqualTo(T0);
    assertThat(row.leftAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(row.leftReason()).isEqualTo("hung up");
    assertThat(row.video()).isTrue();
  }

  @Test
  void aRejoinKeepsTheFirstJoinClearsTheLeaveAndRestartsTheMedia() {
    // given
    List<CallFact> events = List.of(facts.joined(T0, "p1", ParticipantRole.GUEST, true, false),
        facts.updated(T0.plusSeconds(2), "p1", null, null, true),
        facts.left(T0.plusSeconds(10), "p1", "network"),
        facts.joined(T0.plusSeconds(12), "p1", ParticipantRole.SUPERVISOR, false, true));

    // when
    ParticipantRow row = single(fold.fold(Facts.TENANT, "call-1", events));

    // then
    assertThat(row.joinedAt()).isEqualTo(T0);
    assertThat(row.leftAt()).isNull();
    assertThat(row.leftReason()).isNull();
    assertThat(row.joinCount()).isEqualTo(2);
    assertThat(row.role()).isEqualTo("SUPERVISOR");
    assertThat(row.audio()).isFalse();
    assertThat(row.video()).isTrue();
    assertThat(row.screenShare()).isFalse();
  }

  @Test
  void theRowsDoNotDependOnTheOrderTheEventsArrivedIn() {
    // given
    List<CallFact> events = new ArrayList<>(List.of(facts.created(T0),
        facts.joined(T0.plusSeconds(1), "p1", ParticipantRole.CUSTOMER, true, false),
        facts.joined(T0.plusSeconds(2), "p2", ParticipantRole.AGENT, true, true),
        facts.updated(T0.plusSeconds(3), "p2", false, null, null),
        facts.left(T0.plusSeconds(4), "p1", null),
        facts.joined(T0.plusSeconds(5), "p1", ParticipantRole.CUSTOMER, true, true),
        facts.left(T0.plusSeconds(6), "p2", "done")));
    List<ParticipantRow> inOrder = fold.fold(Facts.TENANT, "call-1", events).rows();

    for (long seed = 1; seed <= 20; seed++) {
      // when
      List<CallFact> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.add(shuffled.get(0)); // and one read twice
      List<ParticipantRow> rows = fold.fold(Facts.TENANT, "call-1", shuffled).rows();

      // then
      assertThat(rows).containsExactlyInAnyOrderElementsOf(inOrder);
    }
    assertThat(inOrder).extracting(ParticipantRow::participantId, ParticipantRow::leftAt, ParticipantRow::joinCount)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("p1", null, 2),
            org.assertj.core.groups.Tuple.tuple("p2", T0.plusSeconds(6), 1));
  }

  @Test
  void anUpdateBeforeAnyJoinStillGetsARowWithoutRoleOrJoinTime() {
    // given
    List<CallFact> events = List.of(facts.updated(T0, "p9", true, null, null));

    // when
    ParticipantRow row = single(fold.fold(Facts.TENANT, "call-1", events));

    // then
    assertThat(row.role()).isNull();
    assertThat(row.joinedAt()).isNull();
    assertThat(row.joinCount()).isZero();
    assertThat(row.audio()).isTrue();
    assertThat(row.video()).isNull();
  }

  @Test
  void aNinthParticipantPresentIsRecordedAndReported() {
    // given eight present, one of whom left, then two more joining
    List<CallFact> events = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      events.add(facts.joined(T0.plusSeconds(i), "p" + i, ParticipantRole.GUEST, true, false));
    }
    events.add(facts.left(T0.plusSeconds(20), "p3", null));
    events.add(facts.joined(T0.plusSeconds(21), "p9", ParticipantRole.GUEST, true, false));
    CallFact tenth = facts.joined(T0.plusSeconds(22), "p10", ParticipantRole.GUEST, true, false);
    events.add(tenth);

    // when
    ParticipantFold.Folded folded = fold.fold(Facts.TENANT, "call-1", events);

    // then
    assertThat(folded.rows()).hasSize(10);
    assertThat(folded.overLimit()).singleElement().satisfies(over -> {
      assertThat(over.participantId()).isEqualTo("p10");
      assertThat(over.eventId()).isEqualTo(tenth.eventId());
      assertThat(over.present()).isEqualTo(9);
    });
  }

  @Test
  void otherCallEventsMakeNoParticipant() {
    assertThat(fold.fold(Facts.TENANT, "call-1", List.of(facts.created(T0), facts.queued(T0.plusSeconds(1))))
        .rows()).isEmpty();
  }

  private static ParticipantRow single(ParticipantFold.Folded folded) {
    assertThat(folded.rows()).hasSize(1);
    assertThat(folded.overLimit()).isEmpty();
    return folded.rows().get(0);
  }
}
