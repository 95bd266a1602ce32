package io.switchboard.media.sip.call;

import gov.nist.javax.sip.header.extensions.SessionExpiresHeader;
import java.time.Duration;
import java.util.ListIterator;
import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The RFC 4028 session timer of one leg, as negotiated with its phone: the session interval, and
 * whether the bridge or the phone refreshes the session (by re-INVITE or UPDATE) within it.
 *
 * @param seconds the session interval
 * @param bridgeRefreshes true when the bridge sends the refreshes, false when the phone does
 */
record SessionTimer(int seconds, boolean bridgeRefreshes) {

  static final String TIMER = "timer";
  static final String MIN_SE = "Min-SE";
  /** 422 Session Interval Too Small (RFC 4028 §6). */
  static final int INTERVAL_TOO_SMALL = 422;

  /** The caller asked for an interval below the bridge's minimum: 422 with {@code Min-SE}. */
  static final class TooSmall extends Exception {
    final int minimum;

    TooSmall(int asked, int minimum) {
      super("Session-Expires " + asked + " is below the bridge's Min-SE " + minimum);
      this.minimum = minimum;
    }
  }

  /**
   * When the refresher's refresh is overdue and the session is over (RFC 4028 §10: the interval less
   * the lesser of 32 s and a third of it).
   */
  Duration expiry() {
    return Duration.ofSeconds(seconds - Math.min(32, seconds / 3));
  }

  /** When the bridge, as refresher, refreshes: half the interval (RFC 4028 §10). */
  Duration refreshAfter() {
    return Duration.ofMillis(seconds * 500L);
  }

  /** The {@code refresher} parameter as the phone sees it in a request it sent (it is the UAC). */
  String refresherInPhonesRequest() {
    return bridgeRefreshes ? "uas" : "uac";
  }

  /** The {@code refresher} parameter in a request the bridge sends (the bridge is the UAC). */
  String refresherInBridgesRequest() {
    return bridgeRefreshes ? "uac" : "uas";
  }

  /**
   * The timer of a leg whose phone sent {@code request} (the caller's INVITE, or a refresh): none when
   * the phone does not support timers (the RTP timeout still ends a dead call); 422 below
   * {@code minimum}. The interval is the phone's, capped at {@code preferred} and raised to its own
   * {@code Min-SE}; the refresher is the one it named, else the phone (RFC 4028 §9).
   */
  static SessionTimer fromRequest(Request request, int preferred, int minimum) throws TooSmall {
    SessionExpiresHeader asked = sessionExpires(request);
    if (asked != null && asked.getExpires() < minimum) {
      throw new TooSmall(asked.getExpires(), minimum);
    }
    if (!supports(request)) {
      return null;
    }
    int seconds = asked == null ? preferred : Math.min(asked.getExpires(), preferred);
    seconds = Math.max(seconds, Math.max(minimum, minSe(request)));
    boolean bridgeRefreshes = asked != null && "uas".equalsIgnoreCase(asked.getRefresher());
    return new SessionTimer(seconds, bridgeRefreshes);
  }

  /**
   * The timer of a leg the bridge called, from the phone's 2xx: none when the answer has no
   * {@code Session-Expires}; the bridge refreshes when it names {@code refresher=uac} (the bridge).
   */
  static SessionTimer fromAnswer(Response answer) {
    SessionExpiresHeader granted = sessionExpires(answer);
    if (granted == null || granted.getExpires() <= 0) {
      return null;
    }
    return new SessionTimer(granted.getExpires(), !"uas".equalsIgnoreCase(granted.getRefresher()));
  }

  /** Whether the phone lists {@code timer} in {@code Supported} or {@code Require}. */
  static boolean supports(Message message) {
    return lists(message.getHeaders(SupportedHeader.NAME)) || lists(message.getHeaders(RequireHeader.NAME));
  }

  private static boolean lists(ListIterator<?> headers) {
    while (headers.hasNext()) {
      Object header = headers.next();
      String tag = header instanceof SupportedHeader supported ? supported.getOptionTag()
          : header instanceof RequireHeader require ? require.getOptionTag() : null;
      if (TIMER.equalsIgnoreCase(tag)) {
        return true;
      }
    }
    return false;
  }

  private static SessionExpiresHeader sessionExpires(Message message) {
    Header header = message.getHeader(SessionExpiresHeader.NAME);
    return header instanceof SessionExpiresHeader expires ? expires : null;
  }

  private static int minSe(Request request) {
    Header header = request.getHeader(MIN_SE);
    if (header == null) {
      return 0;
    }
    String value = header.toString().substring(header.toString().indexOf(':') + 1).strip();
    int semicolon = value.indexOf(';');
    try {
      return Integer.parseInt(semicolon < 0 ? value : value.substring(0, semicolon).strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
