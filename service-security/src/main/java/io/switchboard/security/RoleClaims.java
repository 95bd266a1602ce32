package io.switchboard.security;

import io.switchboard.schemas.claims.Claims;
import java.util.Collection;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The roles of a token, read from the configured claim ({@link Claims#strings}), as {@code ROLE_<name>}. */
final class RoleClaims implements Converter<Jwt, Collection<GrantedAuthority>> {

  private final String claim;

  RoleClaims(String claim) {
    this.claim = claim;
  }

  @Override
  public Collection<GrantedAuthority> convert(Jwt jwt) {
    return Claims.strings(jwt.getClaims(), claim).stream()
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
        .toList();
  }
}
