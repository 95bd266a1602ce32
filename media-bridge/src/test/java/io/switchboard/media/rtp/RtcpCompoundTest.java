package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtcpCompoundTest {

  /** SR from SSRC 0x11111111, one report block about 0x22222222, then SDES with CNAME "ab". */
  static final String SR_WITH_SDES =
      // V=2 P=0 RC=1 | PT=200 | length 12 (52 bytes) | sender SSRC
      "81 c8 000c 11111111"
      // NTP 0xe8a1b2c3.40000000 (a quarter second) | RTP ts 160000 | 500 packets | 80000 octets
      + " e8a1b2c3 40000000 00027100 000001f4 00013880"
      // block: SSRC 0x22222222 | fraction lost 0x40 (25 %) cumulative 12 | highest seq 0x00010005
      + " 22222222 4000000c 00010005"
      // jitter 160 | LSR 0xb2c34000 | DLSR 0x00008000 (half a second)
      + " 000000a0 b2c34000 00008000"
      // SDES: V=2 SC=1 | PT=202 | length 3 | SSRC | CNAME (1) len 2 "ab" | end, pad to the word
      + " 81 ca 0003 11111111 01 02 6162 00 000000";

  private static ByteBuffer bytes(String hex) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  @Test
  void readsASenderReportWithItsReportBlockAndSdes() {
    RtcpCompound compound = RtcpCompound.parse(bytes(SR_WITH_SDES)).value();

    assertThat(compound.senders()).singleElement().satisfies(sender -> {
      assertThat(sender.ssrc()).isEqualTo(0x11111111L);
      assertThat(sender.ntpTimestamp()).isEqualTo(0xe8a1b2c340000000L);
      assertThat(sender.ntpMiddle()).isEqualTo(0xb2c34000L);
      assertThat(sender.rtpTimestamp()).isEqualTo(160000);
      assertThat(sender.packetCount()).isEqualTo(500);
      assertThat(sender.octetCount()).isEqualTo(80000);
    });
    assertThat(compound.reports()).singleElement().satisfies(block -> {
      assertThat(block.reporterSsrc()).isEqualTo(0x11111111L);
      assertThat(block.sourceSsrc()).isEqualTo(0x22222222L);
      assertThat(block.fractionLost()).isEqualTo(64);
      assertThat(block.fractionLostPercent()).isEqualTo(25.0);
      assertThat(block.cumulativeLost()).isEqualTo(12);
      assertThat(block.highestSequence()).isEqualTo(0x10005);
      assertThat(block.jitter()).isEqualTo(160);
      assertThat(block.jitterMs(8000)).isEqualTo(20.0);
      assertThat(block.jitterMs(48000)).isCloseTo(3.333, within(0.001));
      assertThat(block.lastSr()).isEqualTo(0xb2c34000L);
      assertThat(block.delaySinceLastSr()).isEqualTo(0x8000);
    });
    assertThat(compound.sdesChunks()).isEqualTo(1);
  }

  @Test
  void readsAReceiverReportWithTwoBlocksAndANegativeCumulativeLoss() {
    // RR from 0x33333333 with two blocks; the first counts -2 lost (duplicates), 24-bit 0xfffffe.
    String rr = "82 c9 000d 33333333"
        + " 44444444 00fffffe 00000064 00000010 00000000 00000000"
        + " 55555555 ff000001 00000064 00000020 00000000 00000000";

    RtcpCompound compound = RtcpCompound.parse(bytes(rr)).value();

    assertThat(compound.senders()).isEmpty();
    assertThat(compound.reports()).hasSize(2);
    assertThat(compound.reports().get(0).cumulativeLost()).isEqualTo(-2);
    assertThat(compound.reports().get(0).fractionLost()).isZero();
    assertThat(compound.reports().get(1).fractionLost()).isEqualTo(255);
    assertThat(compound.reports().get(1).reporterSsrc()).isEqualTo(0x33333333L);
  }

  @Test
  void readsAnEmptyReceiverReportThenBye() {
    // RR with no block | BYE of one SSRC with reason "x" (length 1), padded to the word
    String rrBye = "80 c9 0001 33333333 81 cb 0002 33333333 01 78 0000";

    RtcpCompound compound = RtcpCompound.parse(bytes(rrBye)).value();

    assertThat(compound.reports()).isEmpty();
    assertThat(compound.byes()).containsExactly(0x33333333L);
  }

  @Test
  void skipsOtherPacketTypesByTheirLength() {
    // RR, then an APP packet (204) of 12 bytes
    assertThat(RtcpCompound.parse(bytes("80 c9 0001 33333333 80 cc 0002 33333333 6e616d65")).ok()).isTrue();
  }

  @Test
  void dropsAWrongVersionAnywhereInTheCompound() {
    assertThat(RtcpCompound.parse(bytes("40 c9 0001 33333333")).reason()).isEqualTo(DropReason.BAD_VERSION);
    assertThat(RtcpCompound.parse(bytes("80 c9 0001 33333333 41 ca 0001 33333333")).reason())
        .isEqualTo(DropReason.BAD_VERSION);
  }

  @Test
  void dropsALengthBeyondTheDatagram() {
    assertThat(RtcpCompound.parse(bytes("80 c9 0009 33333333")).reason()).isEqualTo(DropReason.BAD_LENGTH);
  }

  @Test
  void dropsAReportCountThatDoesNotFitItsPacket() {
    // RC=1 but the RR is 8 bytes long: no room for the block.
    assertThat(RtcpCompound.parse(bytes("81 c9 0001 33333333")).reason()).isEqualTo(DropReason.BAD_LENGTH);
    // SR cut before its sender information ends.
    assertThat(RtcpCompound.parse(bytes("80 c8 0003 11111111 e8a1b2c3 40000000")).reason())
        .isEqualTo(DropReason.BAD_LENGTH);
  }

  @Test
  void dropsAnSdesItemRunningPastItsPacket() {
    assertThat(RtcpCompound.parse(bytes("80 c9 0001 33333333 81 ca 0002 11111111 01 09 6162")).reason())
        .isEqualTo(DropReason.BAD_LENGTH);
  }

  @Test
  void dropsAByeCountingMoreSsrcsThanItHolds() {
    assertThat(RtcpCompound.parse(bytes("80 c9 0001 33333333 83 cb 0001 33333333")).reason())
        .isEqualTo(DropReason.BAD_LENGTH);
  }

  @Test
  void dropsACompoundNotStartingWithSrOrRr() {
    assertThat(RtcpCompound.parse(bytes("81 ca 0003 11111111 01 02 6162 00 000000")).reason())
        .isEqualTo(DropReason.BAD_COMPOUND);
  }

  @Test
  void dropsTrailingBytesAndShortDatagrams() {
    assertThat(RtcpCompound.parse(bytes("80 c9 0001 33333333 80")).reason()).isEqualTo(DropReason.TRUNCATED);
    assertThat(RtcpCompound.parse(bytes("80 c9 0001")).reason()).isEqualTo(DropReason.TRUNCATED);
  }

  @Test
  void acceptsPaddingOnlyOnTheLastPacket() {
    // RR padded with 4 bytes (last byte 04), alone: fine.
    assertThat(RtcpCompound.parse(bytes("a0 c9 0002 33333333 00000004")).ok()).isTrue();
    // The same padded RR followed by another packet: refused.
    assertThat(RtcpCompound.parse(bytes("a0 c9 0002 33333333 00000004 80 c9 0001 33333333")).reason())
        .isEqualTo(DropReason.BAD_PADDING);
    // A padding count of zero.
    assertThat(RtcpCompound.parse(bytes("a0 c9 0002 33333333 00000000")).reason()).isEqualTo(DropReason.BAD_PADDING);
  }
}
