package io.switchboard.media.rtp;

/**
 * What the owner of a session (the B2BUA) hears from the relay. Called on the relay's timer thread,
 * which every session shares: implementations must not block.
 */
public interface RelayListener {

  /** The relay ended the session (it is closed and its ports released when this is called). */
  void ended(RelaySession session, EndReason reason);

  /** A leg's quality, every {@code switchboard.media.rtp.quality-interval}. */
  default void quality(RelaySession session, LegQuality quality) {}

  /** A key pressed on {@code side}'s phone, read from its RFC 4733 telephone-events (see {@link RelaySession#telephoneEvents}). */
  default void keyPressed(RelaySession session, Side side, io.switchboard.media.dtmf.Digit digit) {}

  /**
   * Why the relay ended a session.
   *
   * @param code {@code rtp-timeout} or {@code hold-timeout}
   * @param side the leg that went silent
   */
  record EndReason(String code, Side side, String description) {}
}
