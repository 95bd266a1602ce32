package io.switchboard.identity.user;

import io.switchboard.identity.user.UserRequests.NewTenant;
import io.switchboard.identity.user.UserRequests.NewUser;
import io.switchboard.identity.user.UserRequests.UserChanges;
import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditTargetKind;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a state-changing admin request does, as its audit event tells it; never a password or a secret. */
public record AdminAction(AuditAction action, AuditTargetKind kind, String targetId, Map<String, String> details) {

  static AdminAction created(NewUser request) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("roles", roles(request.roles()));
    details.put("agentId", request.agentId());
    details.put("enabled", String.valueOf(request.enabled() == null || request.enabled()));
    return new AdminAction(AuditAction.USER_CREATED, AuditTargetKind.USER, request.username(), details);
  }

  /** A change that switches a login off is {@code USER_DISABLED}; any other is {@code USER_CHANGED}. */
  static AdminAction changed(String username, UserChanges changes) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("roles", changes.roles() == null ? null : roles(changes.roles()));
    details.put("agentId", changes.agentId());
    details.put("displayName", changes.displayName());
    details.put("enabled", changes.enabled() == null ? null : changes.enabled().toString());
    AuditAction action = Boolean.FALSE.equals(changes.enabled()) ? AuditAction.USER_DISABLED : AuditAction.USER_CHANGED;
    return new AdminAction(action, AuditTargetKind.USER, username, details);
  }

  static AdminAction passwordReset(String username) {
    return new AdminAction(AuditAction.PASSWORD_RESET, AuditTargetKind.USER, username, Map.of());
  }

  static AdminAction deleted(String username) {
    return new AdminAction(AuditAction.USER_DELETED, AuditTargetKind.USER, username, Map.of());
  }

  static AdminAction tenantCreated(NewTenant request) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("adminUsername", request.admin() == null ? null : request.admin().username());
    return new AdminAction(AuditAction.TENANT_CREATED, AuditTargetKind.TENANT, request.tenant(), details);
  }

  /** An API key made, or refused, for the client id it has or would have had; never its secret. */
  public static AdminAction apiKeyCreated(String clientId, String name, Collection<String> roles, Instant expiresAt) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("name", name);
    details.put("roles", roles == null ? null : roles.stream().sorted().distinct().collect(Collectors.joining(",")));
    details.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
    return new AdminAction(AuditAction.API_KEY_CREATED, AuditTargetKind.API_KEY, clientId, details);
  }

  public static AdminAction apiKeyRevoked(String clientId) {
    return new AdminAction(AuditAction.API_KEY_REVOKED, AuditTargetKind.API_KEY, clientId, Map.of());
  }

  private static String roles(Collection<Role> roles) {
    return roles.stream().map(Role::claim).sorted().collect(Collectors.joining(","));
  }
}
