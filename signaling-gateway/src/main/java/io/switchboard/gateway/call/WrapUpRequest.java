package io.switchboard.gateway.call;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/calls/{callId}/wrap-up}: a disposition code and optional notes. */
record WrapUpRequest(
    @NotNull @Pattern(regexp = DISPOSITION, message = "must match " + DISPOSITION) String disposition,
    @Size(max = CallControl.MAX_NOTES) String notes) {

  static final String DISPOSITION = CallControl.DISPOSITION;
}
