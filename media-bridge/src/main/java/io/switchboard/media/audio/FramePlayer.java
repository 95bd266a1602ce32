package io.switchboard.media.audio;

import java.nio.ByteBuffer;

/**
 * Plays {@link Samples} as 20 ms G.711 payloads, looping at the end: each call to {@link #next} gives
 * the next 160 bytes to send, and the RTP timestamp advances by {@link Samples#FRAME} per frame. One
 * per leg that hears it, so each caller starts at the beginning; not thread-safe.
 */
public final class FramePlayer {

  /** The two payload formats the bridge plays in. */
  public enum Law { PCMU, PCMA }

  private final byte[] encoded;
  private int position;

  public FramePlayer(Samples samples, Law law) {
    this.encoded = samples.encoded(law);
  }

  /** The next frame's payload, encoded; the audio starts over when it ends. */
  public byte[] next() {
    byte[] frame = new byte[Samples.FRAME];
    next(ByteBuffer.wrap(frame));
    return frame;
  }

  /**
   * Puts the next frame's payload into {@code into}: copied from the audio encoded once, without a
   * buffer of its own, for the relay that sends a frame to every waiting caller every 20 ms.
   */
  public void next(ByteBuffer into) {
    // The audio is at least one frame long, so a frame wraps round its end at most once.
    int first = Math.min(Samples.FRAME, encoded.length - position);
    into.put(encoded, position, first);
    into.put(encoded, 0, Samples.FRAME - first);
    position = (position + Samples.FRAME) % encoded.length;
  }
}
