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

  static Properties forStack(String stackName) {
    Properties properties = new Properties();
    properties.setProperty("javax.sip.STACK_NAME", stackName);
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
