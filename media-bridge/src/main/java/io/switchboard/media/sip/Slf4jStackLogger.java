package io.switchboard.media.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JAIN-SIP's own logging to SLF4J instead of log4j 1.x, so that levels are set like any
 * other logger ({@code logging.level.gov.nist}). The stack's errors, exceptions and warnings are
 * mostly about bad input (a datagram that does not parse, a request without CSeq), and it reports
 * them with the whole packet and a stack trace: they are counted and logged at a bounded rate,
 * without stack traces, by {@link SipInputErrors} (the full text at DEBUG). Public with a
 * no-argument constructor because the stack instantiates it by name (property
 * {@code gov.nist.javax.sip.STACK_LOGGER}).
 */
public final class Slf4jStackLogger implements StackLogger {

  private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");

  @Override
  public boolean isLoggingEnabled() {
    return log.isInfoEnabled();
  }

  @Override
  public boolean isLoggingEnabled(int level) {
    if (level >= TRACE_TRACE) {
      return log.isTraceEnabled();
    }
    if (level >= TRACE_DEBUG) {
      return log.isDebugEnabled();
    }
    if (level >= TRACE_INFO) {
      return log.isInfoEnabled();
    }
    if (level >= TRACE_WARN) {
      return log.isWarnEnabled();
    }
    return level > TRACE_NONE && log.isErrorEnabled();
  }

  @Override
  public void logStackTrace() {
    logStackTrace(TRACE_DEBUG);
  }

  @Override
  public void logStackTrace(int level) {
    if (isLoggingEnabled(level)) {
      log.debug("JAIN-SIP call site", new Throwable("call site"));
    }
  }

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    SipInputErrors.report(log, SipInputErrors.Kind.STACK_EXCEPTION, String.valueOf(ex));
    log.debug("JAIN-SIP exception", ex);
  }

  @Override
  public void logDebug(String message) {
    log.debug(message);
  }

  @Override
  public void logDebug(String message, Exception ex) {
    log.debug(message, ex);
  }

  @Override
  public void logTrace(String message) {
    log.trace(message);
  }

  @Override
  public void logFatalError(String message) {
    log.error(SipInputErrors.shorten(message));
  }

  @Override
  public void logError(String message) {
    SipInputErrors.report(log, SipInputErrors.Kind.STACK_ERROR, message);
  }

  @Override
  public void logError(String message, Exception ex) {
    SipInputErrors.report(log, SipInputErrors.Kind.STACK_ERROR, SipInputErrors.shorten(message) + ": " + ex);
    log.debug(message, ex);
  }

  @Override
  public void logWarning(String message) {
    SipInputErrors.report(log, SipInputErrors.Kind.STACK_WARNING, message);
  }

  @Override
  public void logInfo(String message) {
    log.info(message);
  }

  @Override
  public void disableLogging() {
    // levels are SLF4J's to decide
  }

  @Override
  public void enableLogging() {
    // levels are SLF4J's to decide
  }

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {
    log.debug("JAIN-SIP build {}", buildTimeStamp);
  }

  @Override
  public void setStackProperties(Properties stackProperties) {
    // levels are SLF4J's to decide, not the stack's TRACE_LEVEL
  }

  @Override
  public String getLoggerName() {
    return log.getName();
  }
}
