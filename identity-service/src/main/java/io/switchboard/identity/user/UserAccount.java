package io.switchboard.identity.user;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A login as stored: the password only as its hash. */
public record UserAccount(
    UUID id,
    String tenant,
    String username,
    String passwordHash,
    Set<Role> roles,
    String agentId,
    String displayName,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {

  public UserAccount {
    roles = Set.copyOf(roles);
  }

  /** The roles as claim values, in alphabetical order. */
  public List<String> roleClaims() {
    return roles.stream().map(Role::claim).sorted().toList();
  }

  /** The roles as Spring Security authorities, {@code ROLE_<claim>}. */
  public List<GrantedAuthority> authorities() {
    return roleClaims().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
  }

  public boolean isAgent() {
    return roles.contains(Role.AGENT);
  }
}
