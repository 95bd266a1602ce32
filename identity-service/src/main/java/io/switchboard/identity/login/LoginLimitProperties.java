package io.switchboard.identity.login;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many failed logins (form login and password grant together) one client IP may make.
 *
 * @param failures how many failures in a row an IP may make before it must wait (the bucket's size)
 * @param per how long the bucket takes to refill from empty: one failure is forgiven every
 *     {@code per / failures}
 */
@Validated
@ConfigurationProperties("switchboard.identity.login-limit")
public record LoginLimitProperties(
    @Min(1) int failures,
    @NotNull @DurationMin(seconds = 1) Duration per) {}
