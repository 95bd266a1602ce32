package io.switchboard.media.dtmf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key presses in one RTP stream's telephone-event packets (RFC 4733 §2.3). A press is one event
 * timestamp: its packets repeat while the key is held, and its end (the E bit) is sent three times;
 * it is reported once, at its first end packet, with the duration that packet gives. A press whose
 * end packets were all lost is reported when the next press (a new timestamp) begins, with the
 * longest duration seen. Events other than the 16 keys (flash, tones) are ignored. Not thread-safe:
 * one instance per stream, fed from the thread that reads it.
 */
public final class TelephoneEvents {

  /** The payload of one packet: event, end bit, volume, duration in timestamp units. */
  record Payload(int event, boolean end, int volume, int duration) {

    /** Reads the 4 bytes of an RFC 4733 payload at the buffer's position; empty when shorter. */
    static Optional<Payload> read(ByteBuffer payload) {
      if (payload.remaining() < 4) {
        return Optional.empty();
      }
      int at = payload.position();
      int event = payload.get(at) & 0xff;
      int flags = payload.get(at + 1) & 0xff;
      int duration = ((payload.get(at + 2) & 0xff) << 8) | (payload.get(at + 3) & 0xff);
      return Optional.of(new Payload(event, (flags & 0x80) != 0, flags & 0x3f, duration));
    }
  }

  private final int clockRate;
  private boolean inPress;
  private long pressTimestamp;
  private int pressEvent;
  private int longest;
  private boolean reported;

  /** {@code clockRate}: the telephone-event's clock rate from the SDP (8000 with G.711, 48000 with Opus). */
  public TelephoneEvents(int clockRate) {
    if (clockRate <= 0) {
      throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
    }
    this.clockRate = clockRate;
  }

  /**
   * One telephone-event packet: its RTP timestamp (unsigned 32 bits) and payload. Returns, in order,
   * the earlier press this packet shows had ended unreported and the press this packet completes;
   * none, one or both (none also for a payload too short, which the caller counts as malformed).
   */
  public List<Digit> packet(long timestamp, ByteBuffer payload) {
    Optional<Payload> read = Payload.read(payload);
    if (read.isEmpty()) {
      return List.of();
    }
    Payload packet = read.get();
    List<Digit> digits = new ArrayList<>(2);
    if (!inPress || timestamp != pressTimestamp) {
      unreported().ifPresent(digits::add);
      inPress = true;
      pressTimestamp = timestamp;
      pressEvent = packet.event();
      longest = 0;
      reported = false;
    }
    longest = Math.max(longest, packet.duration());
    if (packet.end() && !reported) {
      reported = true;
      digit(pressEvent, packet.duration()).ifPresent(digits::add);
    }
    return digits;
  }

  /** A press whose end never came, once no more of it will: when the stream ends or is held. */
  public Optional<Digit> flush() {
    Optional<Digit> pending = unreported();
    inPress = false;
    return pending;
  }

  private Optional<Digit> unreported() {
    if (!inPress || reported) {
      return Optional.empty();
    }
    reported = true;
    return digit(pressEvent, longest);
  }

  private Optional<Digit> digit(int event, int duration) {
    char key = Digit.keyOfEvent(event);
    if (key == 0) {
      return Optional.empty();
    }
    return Optional.of(new Digit(key, (int) (duration * 1000L / clockRate), Digit.Source.RTP));
  }
}
