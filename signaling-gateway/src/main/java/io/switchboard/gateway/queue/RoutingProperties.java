package io.switchboard.gateway.queue;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway reads live queue statistics from.
 *
 * @param routingUrl base URL of the routing service (any instance; it finds the one that owns the
 *     tenant), e.g. {@code http://localhost:8081}
 * @param routingTimeout how long to wait for the routing service before answering 503
 */
@Validated
@ConfigurationProperties("switchboard.gateway")
public record RoutingProperties(
    @NotBlank @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an http(s) base URL")
    String routingUrl,
    @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) Duration routingTimeout) {}
