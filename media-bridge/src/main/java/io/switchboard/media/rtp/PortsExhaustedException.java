package io.switchboard.media.rtp;

/** No port pair is free in the configured range: the call cannot get media (a B2BUA answers 503). */
public final class PortsExhaustedException extends IllegalStateException {

  PortsExhaustedException(String message) {
    super(message);
  }
}
