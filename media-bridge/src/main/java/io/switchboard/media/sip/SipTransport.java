package io.switchboard.media.sip;

import java.util.Locale;

/** A transport the bridge listens on for SIP; TLS and WebSocket come with the WebRTC legs. */
enum SipTransport {
  UDP,
  TCP;

  /** The name JAIN-SIP expects for listening points and Via headers. */
  String jainName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
