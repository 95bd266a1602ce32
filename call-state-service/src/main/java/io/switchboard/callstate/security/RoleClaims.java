package io.switchboard.callstate.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The roles of a token as {@code ROLE_<name>} authorities, read from the configured claim: a
 * top-level claim of that name (Auth0's namespaced {@code https://…/roles} has dots of its own), or
 * else a dotted path through nested claims ({@code realm_access.roles}). A missing claim is no roles.
 */
final class RoleClaims implements Converter<Jwt, Collection<GrantedAuthority>> {

  private final String claim;

  RoleClaims(String claim) {
    this.claim = claim;
  }

  @Override
  public Collection<GrantedAuthority> convert(Jwt jwt) {
    return roles(jwt.getClaims()).stream()
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
        .toList();
  }

  List<String> roles(Map<String, Object> claims) {
    Object value = claims.containsKey(claim) ? claims.get(claim) : walk(claims);
    if (value instanceof Collection<?> roles) {
      return roles.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    // Some issuers write a single role, or space-separated roles, as one string.
    return value instanceof String roles
        ? Arrays.stream(roles.trim().split("\\s+")).filter(role -> !role.isEmpty()).toList() : List.of();
  }

  private Object walk(Map<String, Object> claims) {
    Object node = claims;
    for (String step : claim.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(step);
    }
    return node;
  }
}
