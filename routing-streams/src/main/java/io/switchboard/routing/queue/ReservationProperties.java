package io.switchboard.routing.queue;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How offers to agents are held.
 *
 * @param timeout how long an agent has to answer an offer before it times out and the call is
 *     offered again (default 15 s)
 * @param checkInterval how often, on the wall clock, expired offers are looked for (default 1 s);
 *     an offer times out at most this late
 */
@Validated
@ConfigurationProperties("switchboard.routing.reservation")
public record ReservationProperties(
    @NotNull @DurationMin(seconds = 1) Duration timeout,
    @NotNull @DurationMin(millis = 10) Duration checkInterval) {}
