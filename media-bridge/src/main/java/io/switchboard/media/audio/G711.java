package io.switchboard.media.audio;

/**
 * G.711 companding (ITU-T G.711): 16-bit linear samples to and from µ-law (PCMU) and A-law (PCMA)
 * bytes, as transmitted (µ-law with its bits inverted, A-law with the even bits inverted).
 */
public final class G711 {

  private static final int ULAW_BIAS = 0x84;
  private static final int ULAW_CLIP = 32_635;

  private G711() {}

  /** One linear sample as a µ-law byte. */
  public static byte ulaw(short linear) {
    int sample = linear;
    int sign = (sample >> 8) & 0x80;
    if (sign != 0) {
      sample = -sample;
    }
    if (sample > ULAW_CLIP) {
      sample = ULAW_CLIP;
    }
    sample += ULAW_BIAS;
    int exponent = 7;
    for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (sample >> (exponent + 3)) & 0x0f;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }

  /** One µ-law byte as a linear sample. */
  public static short fromUlaw(byte ulaw) {
    int value = ~ulaw & 0xff;
    int sign = value & 0x80;
    int exponent = (value >> 4) & 0x07;
    int mantissa = value & 0x0f;
    int sample = ((mantissa << 3) + ULAW_BIAS) << exponent;
    sample -= ULAW_BIAS;
    return (short) (sign != 0 ? -sample : sample);
  }

  /** One linear sample as an A-law byte. */
  public static byte alaw(short linear) {
    int sample = linear;
    int sign = sample >= 0 ? 0x80 : 0;
    if (sign == 0) {
      sample = -sample - 1; // the magnitude of a negative sample, one down (A-law has no -0 step)
    }
    if (sample > 32_767) {
      sample = 32_767;
    }
    int encoded;
    if (sample < 256) {
      encoded = sample >> 4;
    } else {
      int exponent = 1;
      for (int top = sample >> 8; top > 1; top >>= 1) {
        exponent++;
      }
      encoded = (exponent << 4) | ((sample >> (exponent + 3)) & 0x0f);
    }
    return (byte) ((sign | encoded) ^ 0x55);
  }

  /** One A-law byte as a linear sample. */
  public static short fromAlaw(byte alaw) {
    int value = (alaw ^ 0x55) & 0xff;
    int sign = value & 0x80;
    int exponent = (value >> 4) & 0x07;
    int mantissa = value & 0x0f;
    int sample = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
    return (short) (sign != 0 ? sample : -sample);
  }
}
