package io.switchboard.gateway.audit;

import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditTargetKind;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A REST route whose requests are admin or supervisor actions: what they do, and which path
 * variable names the target (none for a route that creates it: the controller names the new
 * resource with {@link AuditDetails#target}, and a refused creation has the target {@value #NEW}).
 * An agent route is audited only when the caller acts for another agent.
 */
record AuditedRoute(HttpMethod method, PathPattern path, String targetVariable, AuditAction action,
    AuditTargetKind kind, boolean onBehalfOnly) {

  /** The target id of a creation refused before the resource had an id. */
  static final String NEW = "(new)";

  /** Every audited route of the gateway (docs/security.md, *Audit*). */
  static final List<AuditedRoute> ALL = List.of(
      of(HttpMethod.PUT, "/api/v1/queues/{name}", AuditAction.QUEUE_CONFIGURED, AuditTargetKind.QUEUE, false),
      of(HttpMethod.DELETE, "/api/v1/queues/{name}", AuditAction.QUEUE_DELETED, AuditTargetKind.QUEUE, false),
      of(HttpMethod.PATCH, "/api/v1/calls/{callId}", AuditAction.CALL_PRIORITY_CHANGED, AuditTargetKind.CALL, false),
      of(HttpMethod.POST, "/api/v1/calls/{callId}/assign", AuditAction.CALL_FORCE_ASSIGNED, AuditTargetKind.CALL,
          false),
      // A sign-in registers the agent's skills, queues and capacity: for another agent, a change of its skills.
      of(HttpMethod.POST, "/api/v1/agents/{agentId}/sign-in", AuditAction.AGENT_SKILLS_CHANGED, AuditTargetKind.AGENT,
          true),
      of(HttpMethod.PUT, "/api/v1/agents/{agentId}/status", AuditAction.AGENT_STATUS_CHANGED, AuditTargetKind.AGENT,
          true),
      creating(HttpMethod.POST, "/api/v1/widget-keys", AuditAction.WIDGET_KEY_CREATED, AuditTargetKind.WIDGET_KEY),
      of(HttpMethod.DELETE, "/api/v1/widget-keys/{id}", AuditAction.WIDGET_KEY_REVOKED, AuditTargetKind.WIDGET_KEY,
          false),
      // The username, realm and profile are audited; the password never is.
      of(HttpMethod.PUT, "/api/v1/agents/{agentId}/sip-account", AuditAction.SIP_ACCOUNT_SET, AuditTargetKind.AGENT,
          false),
      of(HttpMethod.DELETE, "/api/v1/agents/{agentId}/sip-account", AuditAction.SIP_ACCOUNT_DELETED,
          AuditTargetKind.AGENT, false),
      // The trunk's trust and target are audited; its digest and outbound passwords never are.
      of(HttpMethod.PUT, "/api/v1/sip-trunks/{trunkId}", AuditAction.SIP_TRUNK_SET, AuditTargetKind.SIP_TRUNK, false),
      of(HttpMethod.DELETE, "/api/v1/sip-trunks/{trunkId}", AuditAction.SIP_TRUNK_DELETED, AuditTargetKind.SIP_TRUNK,
          false),
      of(HttpMethod.PUT, "/api/v1/sip-numbers/{number}", AuditAction.SIP_NUMBER_SET, AuditTargetKind.SIP_NUMBER,
          false),
      of(HttpMethod.DELETE, "/api/v1/sip-numbers/{number}", AuditAction.SIP_NUMBER_DELETED,
          AuditTargetKind.SIP_NUMBER, false));

  private static AuditedRoute of(HttpMethod method, String path, AuditAction action, AuditTargetKind kind,
      boolean onBehalfOnly) {
    PathPattern pattern = PathPatternParser.defaultInstance.parse(path);
    String variable = path.substring(path.lastIndexOf('{') + 1, path.lastIndexOf('}'));
    return new AuditedRoute(method, pattern, variable, action, kind, onBehalfOnly);
  }

  private static AuditedRoute creating(HttpMethod method, String path, AuditAction action, AuditTargetKind kind) {
    return new AuditedRoute(method, PathPatternParser.defaultInstance.parse(path), null, action, kind, false);
  }

  /** True when the route creates its target, whose id the controller gives. */
  boolean creates() {
    return targetVariable == null;
  }

  /** The target id when {@code method} and {@code path} are this route's ({@value #NEW} when it creates it). */
  Optional<String> target(HttpMethod requestMethod, PathContainer requestPath) {
    if (!method.equals(requestMethod)) {
      return Optional.empty();
    }
    PathPattern.PathMatchInfo match = path.matchAndExtract(requestPath);
    if (match == null) {
      return Optional.empty();
    }
    return creates() ? Optional.of(NEW) : Optional.ofNullable(match.getUriVariables().get(targetVariable));
  }
}
