package io.switchboard.identity.password;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The resource-owner password grant (RFC 6749 section 4.3), which OAuth 2.1 and Spring Authorization
 * Server leave out. Switchboard keeps it for its own first-party CLI client only, so that a newcomer
 * can get a token with one curl command and no browser; it can be switched off with
 * {@code switchboard.identity.clients.cli.password-grant=false}.
 */
public final class PasswordGrant {

  public static final AuthorizationGrantType TYPE = new AuthorizationGrantType("password");

  private PasswordGrant() {}
}
