package io.switchboard.gateway.call;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway reads calls from.
 *
 * @param callStateUrl base URL of the call-state service, e.g. {@code http://localhost:8082}
 * @param callStateTimeout how long to wait for call-state before answering 503
 */
@Validated
@ConfigurationProperties("switchboard.gateway")
public record CallStateProperties(
    @NotBlank @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an http(s) base URL")
    String callStateUrl,
    @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) Duration callStateTimeout) {}
