package io.switchboard.gateway.logging;

import org.slf4j.MDC;

/**
 * Puts {@code callId} and {@code agentId} in the MDC for the log lines of one block, so that every
 * line about a call can be found by its id even from reactive or consumer threads.
 */
public final class CallLog implements AutoCloseable {

  private final MDC.MDCCloseable call;
  private final MDC.MDCCloseable agent;

  private CallLog(String callId, String agentId) {
    this.call = callId == null ? null : MDC.putCloseable("callId", callId);
    this.agent = agentId == null ? null : MDC.putCloseable("agentId", agentId);
  }

  /** Either id may be null when it is not known. */
  public static CallLog of(String callId, String agentId) {
    return new CallLog(callId, agentId);
  }

  @Override
  public void close() {
    if (call != null) {
      call.close();
    }
    if (agent != null) {
      agent.close();
    }
  }
}
