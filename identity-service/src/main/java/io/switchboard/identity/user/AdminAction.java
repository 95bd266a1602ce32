package io.switchboard.identity.user;

import io.switchboard.identity.user.UserRequests.NewTenant;
import io.switchboard.identity.user.UserRequests.NewUser;
import io.switchboard.identity.user.UserRequests.UserChanges;
import io.switchboard.schemas.avro.AuditAction;
import io.switchboard.schemas.avro.AuditTargetKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a state-changing admin request does, as its audit event tells it; never a password. */
record AdminAction(AuditAction action, AuditTargetKind kind, String targetId, Map<String, String> details) {

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

  private static String roles(Collection<Role> roles) {
    return roles.stream().map(Role::claim).sorted().collect(Collectors.joining(","));
  }
}
