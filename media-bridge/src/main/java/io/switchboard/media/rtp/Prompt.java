package io.switchboard.media.rtp;

import io.switchboard.media.audio.FramePlayer;
import io.switchboard.media.audio.Samples;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Audio the relay itself sends to one leg's phone (ringback or music while the caller waits): a
 * stream of its own, with its own SSRC, one 20 ms frame per tick.
 */
final class Prompt {

  /** The length of every packet: the RTP header and one 20 ms frame. */
  static final int LENGTH = 12 + Samples.FRAME;

  private final FramePlayer player;
  private final int payloadType;
  private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
  private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
  private long timestamp = ThreadLocalRandom.current().nextLong(1L << 32);
  private boolean first = true;

  Prompt(FramePlayer player, int payloadType) {
    this.player = player;
    this.payloadType = payloadType;
  }

  /** The next packet: RTP version 2, the marker bit on the first. */
  ByteBuffer next() {
    ByteBuffer packet = ByteBuffer.allocate(LENGTH);
    next(packet);
    return packet;
  }

  /** Writes the next packet into {@code packet} (cleared first, at least {@link #LENGTH} long) and flips it. */
  void next(ByteBuffer packet) {
    packet.clear();
    packet.put((byte) 0x80);
    packet.put((byte) ((first ? 0x80 : 0) | (payloadType & 0x7f)));
    packet.putShort((short) sequence);
    packet.putInt((int) timestamp);
    packet.putInt((int) ssrc);
    player.next(packet);
    packet.flip();
    first = false;
    sequence = (sequence + 1) & 0xffff;
    timestamp = (timestamp + Samples.FRAME) & 0xffffffffL;
  }
}
