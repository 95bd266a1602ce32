package io.switchboard.identity.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the issued tokens say and how long they last.
 *
 * @param issuer the issuer URL ({@code iss}) as clients reach this service; discovery is served under it
 * @param audience the {@code aud} of every access token; resource servers (the gateway) check it
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid (the length of a web UI or CLI session)
 */
@Validated
@ConfigurationProperties("switchboard.identity.token")
public record TokenProperties(
    @NotNull URI issuer,
    @NotBlank String audience,
    @NotNull @DurationMin(seconds = 30) @DurationMax(hours = 24) Duration accessTokenTtl,
    @NotNull @DurationMin(minutes = 1) @DurationMax(days = 90) Duration refreshTokenTtl) {}
