package io.switchboard.gateway.security;

import io.switchboard.gateway.web.RequestIds;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The one place where a token's claims become a {@link Caller}, with the claim names of
 * {@link SecurityProperties.Claims}. As a validator it refuses (401) a token that names no valid
 * tenant, or an agent without a valid agent id, so that every authenticated request has a caller.
 */
public final class CallerClaims implements OAuth2TokenValidator<Jwt> {

  private final ClaimPath tenant;
  private final ClaimPath roles;
  private final ClaimPath agentId;

  public CallerClaims(SecurityProperties.Claims names) {
    this.tenant = new ClaimPath(names.tenant());
    this.roles = new ClaimPath(names.roles());
    this.agentId = new ClaimPath(names.agentId());
  }

  /** The caller a validated token speaks for. */
  public Caller caller(Jwt jwt) {
    if (CustomerTokens.isCustomerToken(jwt)) {
      // Verified with the gateway's own secret, claim names of its own, and never more than a customer.
      return new Caller(jwt.getClaimAsString(CustomerTokens.TENANT_CLAIM), jwt.getSubject(), EnumSet.of(Role.CUSTOMER),
          null, new Caller.Widget(jwt.getClaimAsString(CustomerTokens.KEY_CLAIM),
              jwt.getClaimAsString(CustomerTokens.QUEUE_CLAIM)));
    }
    return new Caller(tenant.text(jwt.getClaims()), jwt.getSubject(), roles(jwt), agentId.text(jwt.getClaims()));
  }

  /** The roles of the token that this gateway knows; others are ignored. */
  Set<Role> roles(Jwt jwt) {
    if (CustomerTokens.isCustomerToken(jwt)) {
      return EnumSet.of(Role.CUSTOMER);
    }
    Set<Role> known = EnumSet.noneOf(Role.class);
    roles.list(jwt.getClaims()).forEach(name -> Role.of(name).ifPresent(known::add));
    return known;
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt jwt) {
    String tenantId = tenant.text(jwt.getClaims());
    if (tenantId == null) {
      return invalid("The token has no tenant claim '" + tenant + "'");
    }
    if (!RequestIds.isValidTenant(tenantId)) {
      return invalid("The token's tenant must match " + RequestIds.TENANT_PATTERN);
    }
    if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
      return invalid("The token has no subject");
    }
    String agent = agentId.text(jwt.getClaims());
    if (agent != null ? !RequestIds.isValidId(agent) : roles(jwt).contains(Role.AGENT)) {
      return invalid("An agent's token needs a claim '" + agentId + "' matching " + RequestIds.ID_PATTERN);
    }
    return OAuth2TokenValidatorResult.success();
  }

  private static OAuth2TokenValidatorResult invalid(String description) {
    return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
  }
}
