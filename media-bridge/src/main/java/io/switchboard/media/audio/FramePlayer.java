package io.switchboard.media.audio;

/**
 * Plays {@link Samples} as 20 ms G.711 payloads, looping at the end: each call to {@link #next} gives
 * the next 160 bytes to send, and the RTP timestamp advances by {@link Samples#FRAME} per frame. One
 * per leg that hears it, so each caller starts at the beginning; not thread-safe.
 */
public final class FramePlayer {

  /** The two payload formats the bridge plays in. */
  public enum Law { PCMU, PCMA }

  private final Samples samples;
  private final Law law;
  private int position;

  public FramePlayer(Samples samples, Law law) {
    this.samples = samples;
    this.law = law;
  }

  /** The next frame's payload, encoded; the audio starts over when it ends. */
  public byte[] next() {
    byte[] frame = new byte[Samples.FRAME];
    for (int i = 0; i < frame.length; i++) {
      short sample = samples.at(position);
      frame[i] = law == Law.PCMU ? G711.ulaw(sample) : G711.alaw(sample);
      position = (position + 1) % samples.length();
    }
    return frame;
  }
}
