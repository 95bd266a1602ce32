package io.switchboard.gateway.call;

import io.switchboard.schemas.avro.CallPriorityChanged;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code PATCH /api/v1/calls/{callId}}: an absolute priority, and attributes and tags for
 * the routing engine to merge into the call's before it recomputes the priority.
 */
record PatchCallRequest(
    @Min(0) @Max(1_000_000) Integer priority,
    @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 1024) String> attributes,
    @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags) {

  boolean changesNothing() {
    return priority == null && attributes == null && tags == null;
  }

  CallPriorityChanged toPayload() {
    return new CallPriorityChanged(priority, attributes == null ? Map.of() : Map.copyOf(attributes),
        tags == null ? List.of() : List.copyOf(tags));
  }
}
