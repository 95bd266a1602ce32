package io.switchboard.callstate.projection;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who this instance is.
 *
 * @param instanceId the name of this instance: the Kafka client id of its consumer, and the
 *     {@code source} of any event it writes
 */
@Validated
@ConfigurationProperties("switchboard")
public record InstanceProperties(@NotBlank String instanceId) {}
