package io.switchboard.gateway.call;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/calls}; only {@code queue} is required, unless the caller's widget key
 * names the queue. The customer is the caller's token. The attribute {@code media}, {@code audio}
 * (the default) or {@code video}, is what the customer's page asked for: the agent's offer carries it.
 */
record CreateCallRequest(
    @Pattern(regexp = RequestIds.ID_PATTERN, message = "must match " + RequestIds.ID_PATTERN) String queue,
    @Pattern(regexp = "WEBRTC|SIP", message = "must be WEBRTC or SIP") String channel,
    @Pattern(regexp = "INBOUND|OUTBOUND|INTERNAL", message = "must be INBOUND, OUTBOUND or INTERNAL")
    String direction,
    @Size(max = 256) String from,
    @Size(max = 256) String to,
    @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 1024) String> attributes,
    @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags) {

  /** The attribute that makes a video call (docs/web-ui.md, Media). */
  static final String MEDIA = "media";

  /** Fails with a 400 unless {@code attributes.media} is absent, {@code audio} or {@code video}. */
  void requireKnownMedia() {
    String media = attributes == null ? null : attributes.get(MEDIA);
    if (media != null && !media.equals("audio") && !media.equals("video")) {
      throw ApiException.badRequest("Invalid request: attributes.media must be audio or video");
    }
  }

  /** The same call in {@code queue}. */
  CreateCallRequest inQueue(String queue) {
    return new CreateCallRequest(queue, channel, direction, from, to, attributes, tags);
  }

  CallCreated toPayload(String customerId) {
    return CallCreated.newBuilder()
        .setDirection(direction == null ? CallDirection.INBOUND : CallDirection.valueOf(direction))
        .setChannel(channel == null ? CallChannel.WEBRTC : CallChannel.valueOf(channel))
        .setCustomerId(customerId)
        .setFromAddress(from)
        .setToAddress(to)
        .setQueue(queue)
        .setAttributes(attributes == null ? Map.of() : Map.copyOf(attributes))
        .setTags(tags == null ? List.of() : List.copyOf(tags))
        .build();
  }
}
