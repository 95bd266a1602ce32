package io.switchboard.gateway.call;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /api/v1/calls/{callId}/callback}: where to call back, else the caller's address. */
record CallbackRequest(
    @Pattern(regexp = "\\S+", message = "must not be blank or contain spaces") @Size(max = 256) String number) {}
