package io.switchboard.identity.user;

import io.switchboard.identity.user.UserRequests.NewTenant;
import io.switchboard.identity.user.UserRequests.NewUser;
import io.switchboard.identity.user.UserRequests.UserChanges;
import io.switchboard.identity.web.ApiException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of login management, always within the caller's tenant: a login of another tenant is
 * not found (404), never shown or changed.
 */
@Service
public class UserAdmin {

  private final UserStore users;
  private final PasswordEncoder passwords;

  public UserAdmin(UserStore users, PasswordEncoder passwords) {
    this.users = users;
    this.passwords = passwords;
  }

  public List<UserAccount> list(Caller caller) {
    return users.list(caller.tenant());
  }

  public UserAccount get(Caller caller, String username) {
    return users.find(caller.tenant(), username).orElseThrow(() -> notFound(username));
  }

  public UserAccount create(Caller caller, NewUser request) {
    requireAgentId(request.roles(), request.agentId());
    return insert(caller.tenant(), request.username(), request.password(), request.roles(), request.agentId(),
        request.displayName(), request.enabled() == null || request.enabled());
  }

  public UserAccount update(Caller caller, String username, UserChanges changes) {
    UserAccount user = get(caller, username);
    Set<Role> roles = changes.roles() == null ? user.roles() : changes.roles();
    String agentId = changes.agentId() == null ? user.agentId() : changes.agentId();
    boolean enabled = changes.enabled() == null ? user.enabled() : changes.enabled();
    requireAgentId(roles, agentId);
    if (caller.is(user.username()) && (!enabled || !roles.contains(Role.ADMIN))) {
      throw ApiException.conflict("An admin cannot disable their own login or take away their own admin role");
    }
    UserAccount changed = new UserAccount(user.id(), user.tenant(), user.username(), user.passwordHash(), roles,
        agentId, changes.displayName() == null ? user.displayName() : changes.displayName(), enabled,
        user.createdAt(), user.updatedAt());
    try {
      return users.update(changed);
    } catch (DuplicateKeyException e) {
      throw duplicate(changed.username(), agentId, e);
    }
  }

  public void setPassword(Caller caller, String username, String password) {
    UserAccount user = get(caller, username);
    users.update(new UserAccount(user.id(), user.tenant(), user.username(), passwords.encode(password),
        user.roles(), user.agentId(), user.displayName(), user.enabled(), user.createdAt(), user.updatedAt()));
  }

  public void delete(Caller caller, String username) {
    if (caller.is(username)) {
      throw ApiException.conflict("An admin cannot delete their own login");
    }
    if (!users.delete(caller.tenant(), username)) {
      throw notFound(username);
    }
  }

  /** A new tenant and its first admin, in one transaction; only admins of the bootstrap tenant may. */
  @Transactional
  public UserAccount createTenant(Caller caller, String bootstrapTenant, NewTenant request) {
    if (!caller.tenant().equals(bootstrapTenant)) {
      throw ApiException.forbidden("Only admins of tenant '" + bootstrapTenant + "' may create tenants");
    }
    if (!users.createTenant(request.tenant())) {
      throw ApiException.conflict("Tenant '" + request.tenant() + "' already exists");
    }
    return insert(request.tenant(), request.admin().username(), request.admin().password(),
        EnumSet.of(Role.ADMIN, Role.SUPERVISOR), null, request.admin().displayName(), true);
  }

  public List<String> tenants(Caller caller, String bootstrapTenant) {
    return caller.tenant().equals(bootstrapTenant) ? users.tenants() : List.of(caller.tenant());
  }

  private UserAccount insert(String tenant, String username, String password, Set<Role> roles, String agentId,
      String displayName, boolean enabled) {
    try {
      return users.create(tenant, username, passwords.encode(password), roles, agentId, displayName, enabled);
    } catch (DuplicateKeyException e) {
      throw duplicate(username, agentId, e);
    }
  }

  static void requireAgentId(Set<Role> roles, String agentId) {
    if (roles.contains(Role.AGENT) && (agentId == null || agentId.isBlank())) {
      throw ApiException.badRequest("Invalid request: agentId is required for a login with role agent");
    }
  }

  private static ApiException duplicate(String username, String agentId, DuplicateKeyException e) {
    if (String.valueOf(e.getMessage()).contains("users_agent")) {
      return ApiException.conflict("Agent '" + agentId + "' already has a login in this tenant");
    }
    return ApiException.conflict("Username '" + username + "' is taken");
  }

  private static ApiException notFound(String username) {
    return ApiException.notFound("No user '" + username + "'");
  }
}
