package io.switchboard.gateway.ui;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the web UI's staff pages need to sign in (docs/web-ui.md), served to them as {@code /ui-config}.
 *
 * @param issuerUrl the OIDC issuer as browsers reach it; empty: the gateway's own
 *     {@code switchboard.gateway.security.issuer-uri}
 * @param clientId the public client the pages sign in as (authorization code with PKCE)
 * @param scope the scopes they ask for
 */
@Validated
@ConfigurationProperties("switchboard.gateway.ui")
public record UiProperties(
    @DefaultValue("") @Pattern(regexp = "|https?://[^\\s\"'<>;]+", message = "must be an http(s) URL") String issuerUrl,
    @NotBlank @DefaultValue("switchboard-web") String clientId,
    @NotBlank @DefaultValue("openid profile") String scope) {}
