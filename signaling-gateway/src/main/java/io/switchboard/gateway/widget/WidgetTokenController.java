package io.switchboard.gateway.widget;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.CustomerKeys;
import io.switchboard.gateway.security.CustomerTokens;
import io.switchboard.gateway.security.Origins;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.security.SecurityConfiguration;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.WidgetKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A widget's page trades its tenant's public widget key for a short-lived customer token, without a
 * token of its own: the one state-changing route open to anonymous callers. The page's
 * {@code Origin} must be one of the key's allowed origins. A customer renews its token before it
 * expires, with the token itself: the same customer, while its key is still active.
 */
@RestController
class WidgetTokenController {

  private static final Logger log = LoggerFactory.getLogger(WidgetTokenController.class);

  private final WidgetKeys keys;
  private final CustomerTokens tokens;

  WidgetTokenController(WidgetKeys keys, CustomerTokens tokens) {
    this.keys = keys;
    this.tokens = tokens;
  }

  /** Body of the exchange: the public key id a page embeds. */
  record TokenRequest(@NotBlank @Size(max = 64) String key) {}

  /** The answer: a customer token, when it expires, and who it speaks for. */
  record TokenAnswer(String token, Instant expiresAt, String tenant, String customerId) {}

  @PostMapping(SecurityConfiguration.WIDGET_TOKEN_PATH)
  TokenAnswer exchange(@Valid @RequestBody TokenRequest body,
      @RequestHeader(name = HttpHeaders.ORIGIN, required = false) String origin) {
    if (!tokens.enabled()) {
      throw ApiException.unavailable("Customer tokens are off on this gateway: "
          + "switchboard.gateway.customer-tokens.secret is not set");
    }
    keys.requireLoaded();
    WidgetKey key = keys.find(body.key())
        .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Unknown or revoked widget key"));
    Optional<String> from = Origins.normalise(origin);
    if (from.isEmpty() || !key.getAllowedOrigins().contains(from.get())) {
      throw new ApiException(HttpStatus.FORBIDDEN, "Not allowed: widget key " + key.getKeyId()
          + " is exchanged only from the pages of its allowed origins (Origin header)");
    }
    CustomerTokens.Minted minted = tokens.mint(WidgetKeys.customerKey(key));
    log.info("Customer {} of tenant {} signed in with widget key {} from {}", minted.customerId(), minted.tenant(),
        key.getKeyId(), from.get());
    return new TokenAnswer(minted.token(), minted.expiresAt(), minted.tenant(), minted.customerId());
  }

  @PostMapping(SecurityConfiguration.WIDGET_TOKEN_RENEW_PATH)
  TokenAnswer renew(Caller caller) {
    caller.require("renew a customer token", Role.CUSTOMER);
    if (caller.widget() == null) {
      throw new ApiException(HttpStatus.FORBIDDEN, "Not allowed: only a customer token of a widget key is renewed here");
    }
    keys.requireLoaded();
    // A revoked key's tokens are refused before this point; the check stays for one revoked meanwhile.
    CustomerKeys.CustomerKey key = keys.active(caller.tenant(), caller.widget().keyId())
        .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Unknown or revoked widget key"));
    CustomerTokens.Minted minted = tokens.renew(key, caller.subject());
    log.debug("Customer {} of tenant {} renewed its token until {}", minted.customerId(), minted.tenant(),
        minted.expiresAt());
    return new TokenAnswer(minted.token(), minted.expiresAt(), minted.tenant(), minted.customerId());
  }
}
