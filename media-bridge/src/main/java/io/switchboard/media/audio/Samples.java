package io.switchboard.media.audio;

/**
 * Mono 16-bit audio at 8 kHz, the rate of G.711: what the bridge plays, looped, as 20 ms frames of
 * 160 samples. At least one frame long.
 */
public final class Samples {

  public static final int RATE = 8000;
  /** Samples in one 20 ms RTP frame, also its RTP timestamp step. */
  public static final int FRAME = 160;

  private final short[] samples;
  // Encoded once for each law on first use, then shared by every player of this audio.
  private volatile byte[] pcmu;
  private volatile byte[] pcma;

  public Samples(short[] samples) {
    if (samples.length < FRAME) {
      throw new IllegalArgumentException("audio of " + samples.length + " samples is shorter than one 20 ms frame ("
          + FRAME + ")");
    }
    this.samples = samples.clone();
  }

  public int length() {
    return samples.length;
  }

  public short at(int index) {
    return samples[index];
  }

  /** The whole audio encoded in {@code law}, made once: not to be changed. */
  byte[] encoded(FramePlayer.Law law) {
    byte[] encoded = law == FramePlayer.Law.PCMU ? pcmu : pcma;
    if (encoded == null) {
      encoded = new byte[samples.length];
      for (int i = 0; i < samples.length; i++) {
        encoded[i] = law == FramePlayer.Law.PCMU ? G711.ulaw(samples[i]) : G711.alaw(samples[i]);
      }
      // A race encodes twice, to the same bytes.
      if (law == FramePlayer.Law.PCMU) {
        pcmu = encoded;
      } else {
        pcma = encoded;
      }
    }
    return encoded;
  }

  /** The length in milliseconds. */
  public long millis() {
    return samples.length * 1000L / RATE;
  }
}
