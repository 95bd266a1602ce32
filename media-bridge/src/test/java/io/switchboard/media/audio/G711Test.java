package io.switchboard.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

  @Test
  void theEndsAndTheMiddleOfBothLawsHaveTheirStandardCodes() {
    assertThat(G711.ulaw((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(G711.ulaw(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
    assertThat(G711.ulaw(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
    assertThat(G711.fromUlaw((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(G711.fromUlaw((byte) 0x00)).isEqualTo((short) -32124);
    assertThat(G711.fromUlaw((byte) 0xFF)).isEqualTo((short) 0);

    assertThat(G711.alaw((short) 0)).isEqualTo((byte) 0xD5);
    assertThat(G711.alaw((short) -1)).isEqualTo((byte) 0x55);
    assertThat(G711.alaw(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
    assertThat(G711.alaw(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
    assertThat(G711.fromAlaw((byte) 0xAA)).isEqualTo((short) 32256);
    assertThat(G711.fromAlaw((byte) 0xD5)).isEqualTo((short) 8);
    assertThat(G711.fromAlaw((byte) 0x55)).isEqualTo((short) -8);
  }

  @Test
  void everyCodeDecodesToASampleThatEncodesBackToIt() {
    for (int code = 0; code < 256; code++) {
      byte b = (byte) code;
      assertThat(G711.alaw(G711.fromAlaw(b))).as("A-law %02x", code).isEqualTo(b);
      if (code != 0x7F) { // µ-law's negative zero decodes to 0, which encodes as positive zero (0xFF)
        assertThat(G711.ulaw(G711.fromUlaw(b))).as("µ-law %02x", code).isEqualTo(b);
      }
    }
  }

  @Test
  void theErrorStaysWithinTheStepOfItsSegment() {
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x += 7) {
      short sample = (short) x;
      int bound = Math.max(16, Math.abs(x) / 16);
      assertThat(Math.abs(G711.fromUlaw(G711.ulaw(sample)) - x)).as("µ-law of %d", x).isLessThanOrEqualTo(bound);
      assertThat(Math.abs(G711.fromAlaw(G711.alaw(sample)) - x)).as("A-law of %d", x).isLessThanOrEqualTo(bound);
    }
  }
}
