package io.switchboard.gateway.call;

import io.switchboard.gateway.web.RequestIds;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/v1/calls/outbound}: the number an agent calls from its SIP phone, and the
 * queue whose reports count the call ({@code outbound} when none is given).
 */
record OutboundCallRequest(
    @NotBlank @Pattern(regexp = "\\+?[0-9]{2,20}", message = "must be 2 to 20 digits, with an optional leading +")
    String number,
    @Pattern(regexp = RequestIds.ID_PATTERN, message = "must match " + RequestIds.ID_PATTERN) String queue) {

  /** The queue of outbound calls that name none: no agent serves it, the placing agent is assigned. */
  static final String DEFAULT_QUEUE = "outbound";

  String queueOrDefault() {
    return queue == null || queue.isBlank() ? DEFAULT_QUEUE : queue;
  }
}
