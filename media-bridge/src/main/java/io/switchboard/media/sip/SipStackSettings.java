package io.switchboard.media.sip;

import java.util.Properties;
import java.util.UUID;

/** The JAIN-SIP stack properties the bridge runs with. */
final class SipStackSettings {

  private SipStackSettings() {}

  /**
   * A fresh, JVM-unique stack name: several bridges (or one restarted) may share a JVM in the
   * standalone process, and JAIN-SIP keys some state by stack name.
   */
  static String uniqueStackName() {
    return "switchboard-media-" + UUID.randomUUID();
  }

  /** Server transactions that end on their own take at most this long (s); the stack's default is for ever. */
  static final int MAX_INVITE_TRANSACTION_SECONDS = 180;
  static final int MAX_OTHER_TRANSACTION_SECONDS = 64;
  /** The largest SIP message read from a TCP stream (UDP is bounded by its datagram). */
  static final int MAX_MESSAGE_BYTES = 65_536;
  /**
   * Above 80% of this many server transactions the stack drops a rising share of new requests
   * unanswered (at 100%, all); the stack's default is no bound, so a flood grows it until memory runs out.
   */
  static final int MAX_SERVER_TRANSACTIONS = 10_000;
  /** An INVITE the bridge sent that has a provisional answer but no final one ends its dialog after this (s). */
  static final int EARLY_DIALOG_SECONDS = 180;

  /** {@code threads}: the pool that reads and processes messages, per transport; without one the stack starts a thread per UDP datagram. */
  static Properties forStack(String stackName, int threads) {
    Properties properties = new Properties();
    properties.setProperty("javax.sip.STACK_NAME", stackName);
    properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(threads));
    properties.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", Integer.toString(threads));
    properties.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_INVITE", Integer.toString(MAX_INVITE_TRANSACTION_SECONDS));
    properties.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_NON_INVITE",
        Integer.toString(MAX_OTHER_TRANSACTION_SECONDS));
    properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_BYTES));
    properties.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", Integer.toString(MAX_SERVER_TRANSACTIONS));
    // No MAX_CLIENT_TRANSACTIONS: over it, 1.3.0-91 blocks the sending thread until the count falls to zero
    // (its low-water mark is computed as 0). The bridge's own requests are bounded by its calls.
    properties.setProperty("gov.nist.javax.sip.EARLY_DIALOG_TIMEOUT_SECONDS", Integer.toString(EARLY_DIALOG_SECONDS));
    // The stack answers 491 to an INVITE crossing a pending one in a dialog and 500 with Retry-After to
    // a second INVITE while the first is unanswered. Its dialog timeouts (a 2xx never ACKed within 64 T1,
    // 32 s; an early dialog past the bound above) delete the dialog, as the listener is no SipListenerExt.
    properties.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "true");
    properties.setProperty("gov.nist.javax.sip.DIALOG_TIMEOUT_FACTOR", "64");
    // The B2BUA will own its dialogs; the stack must not create them behind its back.
    properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    // Requests reach the listener on the stack's own threads, concurrently; the listener is
    // thread-safe and this avoids one event-scanner thread serialising every call.
    properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
    properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLog.class.getName());
    return properties;
  }
}
