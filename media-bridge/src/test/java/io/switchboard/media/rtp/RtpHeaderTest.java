package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtpHeaderTest {

  private static ByteBuffer bytes(String hex) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  @Test
  void readsAPlainPcmuPacket() {
    // V=2 P=0 X=0 CC=0 | M=1 PT=0 | seq 0x1234 | ts 0x00001f40 (8000) | SSRC 0xdeadbeef | 4 bytes payload
    ByteBuffer packet = bytes("80 80 1234 00001f40 deadbeef 01020304");

    RtpHeader header = RtpHeader.parse(packet).value();

    assertThat(header.marker()).isTrue();
    assertThat(header.payloadType()).isZero();
    assertThat(header.sequence()).isEqualTo(0x1234);
    assertThat(header.timestamp()).isEqualTo(8000);
    assertThat(header.ssrc()).isEqualTo(0xdeadbeefL);
    assertThat(header.headerLength()).isEqualTo(12);
    assertThat(header.payloadLength()).isEqualTo(4);
    assertThat(packet.position()).isZero();
  }

  @Test
  void skipsCsrcsAndTheHeaderExtensionAndLeavesPaddingOut() {
    // V=2 P=1 X=1 CC=2 | PT=111 | seq 0xffff | ts 0xffffffff | SSRC 1 | CSRC 2, 3
    // | extension profile 0xbede, 1 word | 1 word | payload aabb | padding 00 02
    ByteBuffer packet = bytes("b2 6f ffff ffffffff 00000001 00000002 00000003 bede0001 10ff0000 aabb 0002");

    RtpHeader header = RtpHeader.parse(packet).value();

    assertThat(header.padding()).isTrue();
    assertThat(header.extension()).isTrue();
    assertThat(header.csrcCount()).isEqualTo(2);
    assertThat(header.marker()).isFalse();
    assertThat(header.payloadType()).isEqualTo(111);
    assertThat(header.sequence()).isEqualTo(65535);
    assertThat(header.timestamp()).isEqualTo(0xffffffffL);
    assertThat(header.headerLength()).isEqualTo(12 + 8 + 8);
    assertThat(header.payloadLength()).isEqualTo(2);
  }

  @Test
  void dropsWhatIsNotVersionTwo() {
    assertThat(RtpHeader.parse(bytes("40 00 0001 00000000 00000001")).reason()).isEqualTo(DropReason.BAD_VERSION);
    assertThat(RtpHeader.parse(bytes("00 00 0001 00000000 00000001")).reason()).isEqualTo(DropReason.BAD_VERSION);
  }

  @Test
  void dropsWhatIsShorterThanItsHeader() {
    assertThat(RtpHeader.parse(bytes("80 00 0001 00000000 000000")).reason()).isEqualTo(DropReason.TRUNCATED);
    assertThat(RtpHeader.parse(bytes("")).reason()).isEqualTo(DropReason.TRUNCATED);
    // CC=3 announces 12 bytes of CSRCs; 4 are there.
    assertThat(RtpHeader.parse(bytes("83 00 0001 00000000 00000001 00000002")).reason())
        .isEqualTo(DropReason.TRUNCATED);
    // X=1 but no room for the extension header.
    assertThat(RtpHeader.parse(bytes("90 00 0001 00000000 00000001 bede")).reason()).isEqualTo(DropReason.TRUNCATED);
  }

  @Test
  void dropsAnExtensionLongerThanThePacket() {
    // The extension says 0x0100 words follow; two bytes do.
    assertThat(RtpHeader.parse(bytes("90 00 0001 00000000 00000001 bede0100 aabb")).reason())
        .isEqualTo(DropReason.BAD_LENGTH);
  }

  @Test
  void dropsZeroOrExcessivePadding() {
    assertThat(RtpHeader.parse(bytes("a0 00 0001 00000000 00000001 aabb0000")).reason())
        .isEqualTo(DropReason.BAD_PADDING);
    assertThat(RtpHeader.parse(bytes("a0 00 0001 00000000 00000001 aabb0005")).reason())
        .isEqualTo(DropReason.BAD_PADDING);
    assertThat(RtpHeader.parse(bytes("a0 00 0001 00000000 00000001 aabb0004")).value().payloadLength()).isZero();
  }

  @Test
  void readsFromTheBufferPositionOnward() {
    ByteBuffer packet = bytes("ffff 80 08 0002 00000000 00000001");
    packet.position(2);
    assertThat(RtpHeader.parse(packet).value().payloadType()).isEqualTo(8);
  }
}
