package io.switchboard.gateway.security;

import io.switchboard.gateway.web.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Who sent a request, from its access token only: a controller takes it as a method argument.
 * Every query and event of the request is scoped by {@link #tenant}.
 *
 * @param tenant the tenant of the token
 * @param subject the token's {@code sub}: a customer's id, a user's id
 * @param roles the roles of the token this gateway knows
 * @param agentId the agent the token speaks for, or null
 * @param widget the widget key a customer token was made for, or null for the issuer's tokens
 */
public record Caller(String tenant, String subject, Set<Role> roles, String agentId, Widget widget) {

  public Caller {
    roles = Set.copyOf(roles);
  }

  /** A caller with a token of the external issuer. */
  public Caller(String tenant, String subject, Set<Role> roles, String agentId) {
    this(tenant, subject, roles, agentId, null);
  }

  /**
   * The widget key behind a customer token of the gateway's own.
   *
   * @param keyId the key's id
   * @param queue the queue its calls go to, or null when the page chooses
   */
  public record Widget(String keyId, String queue) {}

  public boolean is(Role role) {
    return roles.contains(role);
  }

  public boolean isAny(Role... any) {
    return Arrays.stream(any).anyMatch(roles::contains);
  }

  /** True when the caller is an agent and {@code agentId} is its own. */
  public boolean isAgent(String agentId) {
    return is(Role.AGENT) && this.agentId != null && this.agentId.equals(agentId);
  }

  /** Fails with a 403 unless the caller has one of {@code any}; {@code action} says what was refused. */
  public void require(String action, Role... any) {
    if (!isAny(any)) {
      throw forbidden(action, any);
    }
  }

  /** The 403 for a caller that may not do {@code action}, naming the roles that may. */
  public static ApiException forbidden(String action, Role... any) {
    List<String> names = Arrays.stream(any).sorted().distinct().map(Role::claimValue).toList();
    String roles = names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    return new ApiException(HttpStatus.FORBIDDEN, "Not allowed to " + action + ": needs role " + roles);
  }
}
