package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.rtp.SymmetricLatch.Outcome;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SymmetricLatchTest {

  private static final InetSocketAddress SIGNALLED = new InetSocketAddress("192.0.2.10", 4000);
  private static final InetSocketAddress NATTED = new InetSocketAddress("198.51.100.7", 61000);

  @Test
  void sendsToTheSignalledAddressUntilAPacketArrives() {
    SymmetricLatch latch = new SymmetricLatch(true);
    assertThat(latch.target()).isNull();

    latch.signal(SIGNALLED);

    assertThat(latch.target()).isEqualTo(SIGNALLED);
    assertThat(latch.latched()).isFalse();
  }

  @Test
  void latchesOnTheFirstPacketFromTheSignalledAddress() {
    SymmetricLatch latch = new SymmetricLatch(true);
    latch.signal(SIGNALLED);

    assertThat(latch.received(SIGNALLED)).isEqualTo(Outcome.LATCHED);
    assertThat(latch.received(SIGNALLED)).isEqualTo(Outcome.SAME);
    assertThat(latch.target()).isEqualTo(SIGNALLED);
  }

  @Test
  void latchesOnAnotherSourceWhenNothingCameFromTheSignalledOne() {
    SymmetricLatch latch = new SymmetricLatch(true);
    latch.signal(SIGNALLED);

    assertThat(latch.received(NATTED)).isEqualTo(Outcome.LATCHED);
    assertThat(latch.target()).isEqualTo(NATTED);
  }

  @Test
  void followsTheSourceOfLaterPackets() {
    SymmetricLatch latch = new SymmetricLatch(true);
    latch.signal(SIGNALLED);
    latch.received(SIGNALLED);
    InetSocketAddress rebound = new InetSocketAddress("192.0.2.10", 4002);

    assertThat(latch.received(rebound)).isEqualTo(Outcome.MOVED);
    assertThat(latch.target()).isEqualTo(rebound);
    assertThat(latch.received(rebound)).isEqualTo(Outcome.SAME);
  }

  @Test
  void latchesWithoutAnySignalledAddress() {
    SymmetricLatch latch = new SymmetricLatch(true);

    assertThat(latch.received(NATTED)).isEqualTo(Outcome.LATCHED);
    assertThat(latch.target()).isEqualTo(NATTED);
  }

  @Test
  void aNewSignalledAddressStartsTheLatchOver() {
    SymmetricLatch latch = new SymmetricLatch(true);
    latch.signal(SIGNALLED);
    latch.received(NATTED);
    InetSocketAddress reinvite = new InetSocketAddress("192.0.2.20", 5000);

    latch.signal(reinvite);

    assertThat(latch.target()).isEqualTo(reinvite);
    assertThat(latch.received(reinvite)).isEqualTo(Outcome.LATCHED);
  }

  @Test
  void withAnySourceOffOnlyTheSignalledIpIsAcceptedOnAnyPort() {
    SymmetricLatch latch = new SymmetricLatch(false);
    assertThat(latch.received(NATTED)).isEqualTo(Outcome.REJECTED);
    latch.signal(SIGNALLED);

    assertThat(latch.received(NATTED)).isEqualTo(Outcome.REJECTED);
    assertThat(latch.target()).isEqualTo(SIGNALLED);
    InetSocketAddress otherPort = new InetSocketAddress("192.0.2.10", 4100);
    assertThat(latch.received(otherPort)).isEqualTo(Outcome.LATCHED);
    assertThat(latch.target()).isEqualTo(otherPort);
    assertThat(latch.received(NATTED)).isEqualTo(Outcome.REJECTED);
    assertThat(latch.target()).isEqualTo(otherPort);
  }

  @Test
  void anIdleLatchRejectsEverySourceUntilSignalledAgain() {
    SymmetricLatch latch = new SymmetricLatch(true);
    latch.signal(SIGNALLED);
    latch.received(SIGNALLED);

    latch.idle();

    assertThat(latch.target()).isNull();
    assertThat(latch.received(SIGNALLED)).isEqualTo(Outcome.REJECTED);
    assertThat(latch.received(NATTED)).isEqualTo(Outcome.REJECTED);
    latch.signal(NATTED);
    assertThat(latch.received(NATTED)).isEqualTo(Outcome.LATCHED);
  }
}
