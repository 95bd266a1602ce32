package io.switchboard.gateway.sip;

import io.switchboard.gateway.web.RequestIds;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Body of {@code PUT /api/v1/sip-numbers/{number}}: the queue the number's calls go to.
 *
 * @param queue the tenant's queue
 * @param trunkId when set, only calls through this trunk reach the queue by this number
 * @param attributes added to each call's attributes
 */
record SipNumberRequest(
    @NotNull @Pattern(regexp = RequestIds.ID_PATTERN, message = "must match " + RequestIds.ID_PATTERN) String queue,
    @Pattern(regexp = RequestIds.ID_PATTERN, message = "must match " + RequestIds.ID_PATTERN) String trunkId,
    @Size(max = 20) Map<@Pattern(regexp = ATTRIBUTE, message = "names must match " + ATTRIBUTE) String,
        @NotNull @Size(max = 256) String> attributes) {

  static final String ATTRIBUTE = "[A-Za-z0-9_.-]{1,64}";
}
