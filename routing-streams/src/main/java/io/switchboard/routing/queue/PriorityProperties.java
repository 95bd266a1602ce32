package io.switchboard.routing.queue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The default priority rules of every queue; higher goes first.
 *
 * @param base priority of every call (default 100)
 * @param vip added for a call with the attribute {@code vip=true} (default 50)
 * @param inbound added for an inbound call (default 25)
 * @param tags added per tag of the call, by tag name (defaults: urgent 75, high-priority 50,
 *     escalation 100)
 */
@Validated
@ConfigurationProperties("switchboard.routing.priority")
public record PriorityProperties(
    @Min(-1_000_000) @Max(1_000_000) int base,
    @Min(-1_000_000) @Max(1_000_000) int vip,
    @Min(-1_000_000) @Max(1_000_000) int inbound,
    @NotNull Map<String, @NotNull @Min(-1_000_000) @Max(1_000_000) Integer> tags) {

  public PriorityRules rules() {
    return new PriorityRules(base, vip, inbound, tags);
  }
}
