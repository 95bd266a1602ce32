package io.switchboard.gateway.ws;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The agents' WebSocket.
 *
 * @param sendBuffer frames queued for one session before it is closed as too slow
 * @param offerGrace how long an unanswered offer is remembered after it expired, in case the
 *     routing engine's timeout notice is late
 * @param presenceGrace how long an agent or a customer may have no session on any instance before it
 *     counts as gone: an agent goes OFFLINE, its offers are declined and its calls end
 * @param heartbeatInterval how often the gateway sends every session a ping frame
 * @param heartbeatTimeout how long a session may send nothing at all (no pong, no frame) before the
 *     gateway closes it as dead; longer than the interval
 */
@Validated
@ConfigurationProperties("switchboard.gateway.ws")
public record WebSocketProperties(
    @Min(16) @Max(65_536) int sendBuffer,
    @NotNull @DurationMin(seconds = 1) Duration offerGrace,
    @NotNull @DurationMin(millis = 100) Duration presenceGrace,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("20s") Duration heartbeatInterval,
    @NotNull @DefaultValue("45s") Duration heartbeatTimeout) {

  @AssertTrue(message = "switchboard.gateway.ws.heartbeat-timeout must be longer than heartbeat-interval")
  boolean isHeartbeatTimeoutLongerThanInterval() {
    return heartbeatInterval == null || heartbeatTimeout == null || heartbeatTimeout.compareTo(heartbeatInterval) > 0;
  }
}
