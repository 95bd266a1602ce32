package io.switchboard.identity.audit;

/** Kafka did not acknowledge an audit event in time, so the admin request that caused it did not take effect. */
public final class AuditUnavailableException extends RuntimeException {

  AuditUnavailableException(Throwable cause) {
    super("The admin API is unavailable: Kafka did not acknowledge the audit event (" + cause.getMessage() + ")",
        cause);
  }
}
