package io.switchboard.gateway.sip;

import io.switchboard.gateway.web.RequestIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /api/v1/agents/{agentId}/sip-account}. The password only ever becomes HA1s.
 *
 * @param username the digest username and user part of the phone's address-of-record
 * @param password what the phone is configured with: 12 to 128 characters
 * @param displayName the agent's name in its AgentRegistered
 * @param queues the queues the phone agent takes calls from
 * @param skills the phone agent's skills, each with a level from 1 to 10
 * @param capacity concurrent calls, 1 by default
 */
record SipAccountRequest(
    @NotNull @Pattern(regexp = USERNAME, message = "must match " + USERNAME) String username,
    @NotNull @Size(min = 12, max = 128, message = "must be 12 to 128 characters long") String password,
    @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 128) String displayName,
    @Size(max = 100) List<@NotBlank @Pattern(regexp = RequestIds.ID_PATTERN,
        message = "must match " + RequestIds.ID_PATTERN) String> queues,
    @Size(max = 100) List<@NotNull @Valid SkillLevel> skills,
    @Min(1) @Max(100) Integer capacity) {

  /** Characters a SIP user part takes unescaped (RFC 3261 unreserved), and no slash for the topic key. */
  static final String USERNAME = "[A-Za-z0-9._~-]{1,64}";

  /** One skill with its level, 1 (novice) to 10 (expert). */
  record SkillLevel(@NotBlank @Size(max = 64) String name, @NotNull @Min(1) @Max(10) Integer level) {}

  /** Never the password: a request that reaches a log or an error body shows no secret. */
  @Override
  public String toString() {
    return "SipAccountRequest[username=" + username + ", displayName=" + displayName + ", queues=" + queues
        + ", skills=" + skills + ", capacity=" + capacity + "]";
  }
}
