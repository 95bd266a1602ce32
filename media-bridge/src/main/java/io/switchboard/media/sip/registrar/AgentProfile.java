package io.switchboard.media.sip.registrar;

import java.util.List;

/**
 * What a phone agent's SIP account says about it for routing: the fields of the {@code AgentRegistered}
 * its registration publishes, since the account is the whole profile of an agent without a desk.
 *
 * @param displayName the agent's name, or null
 * @param queues the queues it takes calls from
 * @param skills its skills with levels (1–10)
 * @param capacity concurrent calls
 */
public record AgentProfile(String displayName, List<String> queues, List<Skill> skills, int capacity) {

  /** The profile of an account that names none: the schema's defaults. */
  public static final AgentProfile NONE = new AgentProfile(null, List.of(), List.of(), 1);

  public AgentProfile {
    queues = List.copyOf(queues);
    skills = List.copyOf(skills);
  }

  /** One skill and its level. */
  public record Skill(String name, int level) {}
}
