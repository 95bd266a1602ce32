package io.switchboard.media.rtp;

import io.switchboard.media.audio.FramePlayer;
import io.switchboard.media.dtmf.Digit;
import io.switchboard.media.dtmf.TelephoneEvents;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The media of one call through the relay: two legs, A and B. A packet arriving on A's RTP port
 * leaves from B's RTP port to B's phone, and the reverse; the same for RTCP. Payloads pass through
 * untouched. Opened by {@link RtpRelay#open}; closed by its owner, or by the relay when a leg goes
 * silent (then the listener is told why).
 */
public final class RelaySession {

  private final String tenantId;
  private final String callId;
  private final RelayLeg a;
  private final RelayLeg b;
  private final RelayListener listener;
  private final PayloadTypes payloadTypes = new PayloadTypes();
  private final RtpRelay relay;
  final RelayLoop loop;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private volatile boolean held;
  private final Prompt[] prompts = new Prompt[2];
  private volatile int telephoneEventType = -1;
  /** Per side, the key presses read from what that leg's phone sends; only the session's selector thread uses them. */
  private final TelephoneEvents[] keys = new TelephoneEvents[2];
  private volatile boolean pausedToA;
  private volatile boolean pausedToB;

  RelaySession(String tenantId, String callId, RelayLeg a, RelayLeg b, RelayListener listener, RtpRelay relay,
      RelayLoop loop) {
    this.tenantId = tenantId;
    this.callId = callId;
    this.a = a;
    this.b = b;
    this.listener = listener;
    this.relay = relay;
    this.loop = loop;
  }

  public String tenantId() {
    return tenantId;
  }

  public String callId() {
    return callId;
  }

  public RelayLeg a() {
    return a;
  }

  public RelayLeg b() {
    return b;
  }

  public RelayLeg leg(Side side) {
    return side == Side.A ? a : b;
  }

  /** A held call (sendonly/inactive) times out after {@code hold-timeout} instead of {@code timeout}. */
  public void held(boolean onHold) {
    held = onHold;
  }

  public boolean held() {
    return held;
  }

  /** Maps a dynamic payload type from the SDP (e.g. 111 → opus/48000), for jitter in ms and the MOS. */
  public void payloadType(int payloadType, String codec, int clockRate) {
    payloadTypes.map(payloadType, codec, clockRate);
  }

  /**
   * Plays {@code player} to {@code side}'s phone from its RTP port, 20 ms per packet with
   * {@code payloadType}, until {@link #stopPlaying}; replaces what that leg played before.
   */
  public void play(Side side, FramePlayer player, int payloadType) {
    synchronized (prompts) {
      prompts[side.ordinal()] = new Prompt(player, payloadType);
    }
  }

  public void stopPlaying(Side side) {
    synchronized (prompts) {
      prompts[side.ordinal()] = null;
    }
  }

  /**
   * Reads the RFC 4733 telephone-events of both legs under {@code payloadType} at {@code clockRate}
   * (they are relayed as they are too) and reports each key press to the listener.
   */
  public void telephoneEvents(int payloadType, int clockRate) {
    synchronized (keys) {
      keys[0] = new TelephoneEvents(clockRate);
      keys[1] = new TelephoneEvents(clockRate);
    }
    telephoneEventType = payloadType;
  }

  /** The key presses one telephone-event packet from {@code side}'s phone completes; none for other packets. */
  List<Digit> keyPresses(Side side, int payloadType, long timestamp, ByteBuffer payload) {
    if (payloadType != telephoneEventType) {
      return List.of();
    }
    TelephoneEvents events;
    synchronized (keys) {
      events = keys[side.ordinal()];
    }
    return events == null ? List.of() : events.packet(timestamp, payload);
  }

  /**
   * Stops (or resumes) relaying RTP towards {@code side}'s phone: what the other leg sends is read,
   * counted and dropped, not sent on (a hold: the held party hears nothing of the other room). RTCP
   * and prompts still go.
   */
  public void pause(Side towards, boolean pause) {
    if (towards == Side.A) {
      pausedToA = pause;
    } else {
      pausedToB = pause;
    }
  }

  public boolean paused(Side towards) {
    return towards == Side.A ? pausedToA : pausedToB;
  }

  /** Whether the relay plays a prompt to {@code side} now. */
  public boolean playing(Side side) {
    return prompt(side) != null;
  }

  /** What {@code side} plays now, or null. */
  Prompt prompt(Side side) {
    synchronized (prompts) {
      return prompts[side.ordinal()];
    }
  }

  PayloadTypes payloadTypes() {
    return payloadTypes;
  }

  RelayListener listener() {
    return listener;
  }

  public boolean isOpen() {
    return open.get();
  }

  /** Closes both legs and releases their ports; the listener is not called. Closing twice does nothing. */
  public void close() {
    relay.close(this, null);
  }

  /** True for the one caller that moves the session from open to closed. */
  boolean markClosed() {
    return open.compareAndSet(true, false);
  }
}
