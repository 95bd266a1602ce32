package io.switchboard.media.audio;

/**
 * Call-progress tones generated at 8 kHz, for a queue without a ringback file: one period of the
 * cadence, to be looped.
 */
public final class Tones {

  private static final double LEVEL = 0.2 * Short.MAX_VALUE; // about −14 dBm0

  private Tones() {}

  /** The ringing tone of ETSI ES 201 970 (most of Europe): 425 Hz, 1 s on, 4 s off. */
  public static Samples europeanRingback() {
    return cadence(new double[] {425}, 1000, 4000);
  }

  /** The North American ringback of ANSI T1.401: 440 + 480 Hz, 2 s on, 4 s off. */
  public static Samples northAmericanRingback() {
    return cadence(new double[] {440, 480}, 2000, 4000);
  }

  /** {@code frequencies} summed for {@code onMillis}, then silence for {@code offMillis}. */
  static Samples cadence(double[] frequencies, int onMillis, int offMillis) {
    int on = onMillis * Samples.RATE / 1000;
    short[] samples = new short[on + offMillis * Samples.RATE / 1000];
    for (int i = 0; i < on; i++) {
      double value = 0;
      for (double frequency : frequencies) {
        value += Math.sin(2 * Math.PI * frequency * i / Samples.RATE);
      }
      samples[i] = (short) Math.round(LEVEL * value / frequencies.length);
    }
    return new Samples(samples);
  }
}
