package io.switchboard.gateway.security;

import java.util.Locale;
import java.util.Optional;

/** The roles a token may grant (docs/security.md has what each may do). */
public enum Role {
  CUSTOMER, AGENT, SUPERVISOR, ADMIN,
  /** Another service acting as itself (service-to-service clients). */
  SERVICE;

  /** The role's name in tokens and in Spring Security authorities ({@code ROLE_<name>}). */
  public String claimValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code value} in a token; empty for a role this gateway does not know. */
  static Optional<Role> of(String value) {
    for (Role role : values()) {
      if (role.claimValue().equalsIgnoreCase(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
