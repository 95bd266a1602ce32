package io.switchboard.identity.user;

import io.switchboard.identity.audit.AuditPublisher;
import io.switchboard.identity.web.ApiException;
import io.switchboard.schemas.audit.AuditEvents;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an admin change and writes its audit event: the change's transaction commits only after the
 * broker has acknowledged the event, so a change is never kept without its event. A refusal
 * (403, 404, 409) is written as a REFUSED event before it is answered.
 */
@Component
public class AuditedChanges {

  static final String REQUEST_ID_HEADER = "X-Request-Id";
  private static final Map<HttpStatus, String> REFUSALS = Map.of(
      HttpStatus.FORBIDDEN, "forbidden", HttpStatus.NOT_FOUND, "not_found", HttpStatus.CONFLICT, "conflict");

  private final AuditEvents events;
  private final AuditPublisher publisher;
  private final TransactionTemplate transactions;

  AuditedChanges(AuditEvents events, AuditPublisher publisher, TransactionTemplate transactions) {
    this.events = events;
    this.publisher = publisher;
    this.transactions = transactions;
  }

  public <T> T run(Caller caller, HttpServletRequest request, AdminAction action, Supplier<T> change) {
    try {
      return transactions.execute(status -> {
        T result = change.get();
        publisher.publish(entry(caller, request, action).succeeded());
        return result;
      });
    } catch (ApiException e) {
      String reason = REFUSALS.get(e.status());
      if (reason != null) {
        refused(caller, request, action, reason);
      }
      throw e;
    }
  }

  public void run(Caller caller, HttpServletRequest request, AdminAction action, Runnable change) {
    run(caller, request, action, () -> {
      change.run();
      return null;
    });
  }

  void refused(Caller caller, HttpServletRequest request, AdminAction action, String reason) {
    publisher.publish(entry(caller, request, action).refused(reason));
  }

  private AuditEvents.Entry entry(Caller caller, HttpServletRequest request, AdminAction action) {
    AuditEvents.Entry entry = events.about(caller.tenant(), action.action(), action.kind(), action.targetId())
        .by(caller.subject(), caller.roles(), caller.agentId())
        .request(request.getHeader(REQUEST_ID_HEADER), request.getRemoteAddr());
    action.details().forEach(entry::detail);
    return entry;
  }
}
