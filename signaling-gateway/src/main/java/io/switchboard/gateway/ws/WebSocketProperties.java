package io.switchboard.gateway.ws;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The agents' WebSocket.
 *
 * @param sendBuffer frames queued for one session before it is closed as too slow
 * @param offerGrace how long an unanswered offer is remembered after it expired, in case the
 *     routing engine's timeout notice is late
 * @param presenceGrace how long an agent or a customer may have no session on any instance before it
 *     counts as gone: an agent goes OFFLINE, its offers are declined and its calls end
 */
@Validated
@ConfigurationProperties("switchboard.gateway.ws")
public record WebSocketProperties(
    @Min(16) @Max(65_536) int sendBuffer,
    @NotNull @DurationMin(seconds = 1) Duration offerGrace,
    @NotNull @DurationMin(millis = 100) Duration presenceGrace) {}
