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
