package io.switchboard.media.rtp;

import io.switchboard.media.audio.FramePlayer;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Audio the relay itself sends to one leg's phone (ringback or music while the caller waits): a
 * stream of its own, with its own SSRC, one 20 ms frame per tick.
 */
final class Prompt {

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
    byte[] payload = player.next();
    ByteBuffer packet = ByteBuffer.allocate(12 + payload.length);
    packet.put((byte) 0x80);
    packet.put((byte) ((first ? 0x80 : 0) | (payloadType & 0x7f)));
    packet.putShort((short) sequence);
    packet.putInt((int) timestamp);
    packet.putInt((int) ssrc);
    packet.put(payload);
    packet.flip();
    first = false;
    sequence = (sequence + 1) & 0xffff;
    timestamp = (timestamp + payload.length) & 0xffffffffL;
    return packet;
  }
}
