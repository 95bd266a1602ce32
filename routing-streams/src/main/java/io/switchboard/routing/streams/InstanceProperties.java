package io.switchboard.routing.streams;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * This service instance.
 *
 * @param instanceId written as the {@code source} of every routing decision (default
 *     routing-streams-&lt;random&gt;)
 */
@Validated
@ConfigurationProperties("switchboard")
record InstanceProperties(@NotBlank String instanceId) {}
