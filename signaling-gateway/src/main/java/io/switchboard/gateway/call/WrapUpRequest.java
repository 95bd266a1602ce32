package io.switchboard.gateway.call;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/calls/{callId}/wrap-up}: a disposition code and optional notes. */
record WrapUpRequest(
    @NotNull @Pattern(regexp = DISPOSITION, message = "must match " + DISPOSITION) String disposition,
    @Size(max = 2000) String notes) {

  static final String DISPOSITION = "[A-Za-z0-9_.:-]{1,64}";
}
