package io.switchboard.media.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every SIP message sent and received at TRACE (logger {@code io.switchboard.media.sip.wire})
 * instead of JAIN-SIP's log file. Messages carry addresses and numbers, hence TRACE only. Public
 * with a no-argument constructor because the stack instantiates it by name (property {@code
 * gov.nist.javax.sip.SERVER_LOGGER}).
 */
public final class SipMessageLog implements ServerLogger {

  private static final Logger log = LoggerFactory.getLogger("io.switchboard.media.sip.wire");

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    if (log.isTraceEnabled()) {
      log.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
    }
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender, long time) {
    logMessage(message, from, to, sender, time);
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender) {
    logMessage(message, from, to, sender, 0L);
  }

  @Override
  public void logException(Exception ex) {
    log.debug("SIP message log", ex);
  }

  @Override
  public void closeLogFile() {
    // nothing to close: SLF4J owns the output
  }

  @Override
  public void setStackProperties(Properties stackProperties) {
    // nothing to configure
  }

  @Override
  public void setSipStack(SipStack sipStack) {
    // nothing to keep
  }
}
