package io.switchboard.gateway.agent;

import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.Skill;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /api/v1/agents/{agentId}/sign-in}; every field is optional. */
record SignInRequest(
    @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 128) String displayName,
    @Size(max = 100) List<@NotNull @Valid SkillLevel> skills,
    @Size(max = 100) List<@NotBlank @Pattern(regexp = RequestIds.ID_PATTERN,
        message = "must match " + RequestIds.ID_PATTERN) String> queues,
    @Min(1) @Max(100) Integer capacity,
    @Pattern(regexp = "WEBRTC|SIP", message = "must be WEBRTC or SIP") String channel,
    @Size(max = 256) String contact) {

  static final SignInRequest EMPTY = new SignInRequest(null, null, null, null, null, null);

  /** One skill with its level, 1 (novice) to 10 (expert). */
  record SkillLevel(@NotBlank @Size(max = 64) String name, @NotNull @Min(1) @Max(10) Integer level) {}

  AgentRegistered toPayload() {
    return AgentRegistered.newBuilder()
        .setDisplayName(displayName)
        .setSkills(skills == null ? List.of()
            : skills.stream().map(s -> new Skill(s.name().strip(), s.level())).toList())
        .setQueues(queues == null ? List.of() : List.copyOf(queues))
        .setCapacity(capacity == null ? 1 : capacity)
        .setChannel(channel == null ? AgentChannel.WEBRTC : AgentChannel.valueOf(channel))
        .setContact(contact)
        .build();
  }
}
