package io.switchboard.gateway.call;

import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /api/v1/calls/{callId}/end}. */
record EndCallRequest(@Size(max = 256) String reason) {}
