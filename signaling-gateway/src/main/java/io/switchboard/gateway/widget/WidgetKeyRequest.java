package io.switchboard.gateway.widget;

import io.switchboard.gateway.web.RequestIds;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/v1/widget-keys}.
 *
 * @param label what the admin calls the key (the site it is for)
 * @param allowedOrigins the origins whose pages may use it, {@code scheme://host[:port]} each
 * @param queue the queue its customers' calls go to; without it the page names the queue
 */
record WidgetKeyRequest(
    @NotBlank @Size(max = 100) String label,
    @NotNull @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 200) String> allowedOrigins,
    @Pattern(regexp = RequestIds.ID_PATTERN, message = "must match " + RequestIds.ID_PATTERN) String queue) {}
