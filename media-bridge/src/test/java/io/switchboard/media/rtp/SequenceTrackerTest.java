package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

  @Test
  void countsNothingLostForAnUnbrokenStream() {
    SequenceTracker tracker = new SequenceTracker();
    for (int seq = 100; seq < 200; seq++) {
      tracker.received(1, seq);
    }
    assertThat(tracker.lost()).isZero();
  }

  @Test
  void countsTheGapsAcrossAWrapAround() {
    SequenceTracker tracker = new SequenceTracker();
    tracker.received(1, 65533);
    tracker.received(1, 65534);
    // 65535 and 0 missing
    tracker.received(1, 1);
    tracker.received(1, 2);
    // 3, 4, 5 missing
    tracker.received(1, 6);

    assertThat(tracker.lost()).isEqualTo(5);
  }

  @Test
  void aLatePacketFillsItsGapAndADuplicateCountsAsNothing() {
    SequenceTracker tracker = new SequenceTracker();
    tracker.received(1, 10);
    tracker.received(1, 12);
    assertThat(tracker.lost()).isEqualTo(1);

    tracker.received(1, 11);
    assertThat(tracker.lost()).isZero();

    tracker.received(1, 12);
    assertThat(tracker.lost()).isZero();
  }

  @Test
  void aNewSsrcStartsOverAndKeepsTheLossesBefore() {
    SequenceTracker tracker = new SequenceTracker();
    tracker.received(1, 10);
    tracker.received(1, 13);

    tracker.received(2, 40000);
    tracker.received(2, 40001);
    tracker.received(2, 40003);

    assertThat(tracker.lost()).isEqualTo(3);
  }

  @Test
  void aHugeJumpIsARestartNotALoss() {
    SequenceTracker tracker = new SequenceTracker();
    tracker.received(1, 10);
    tracker.received(1, 30000);
    tracker.received(1, 30001);

    assertThat(tracker.lost()).isZero();
  }
}
