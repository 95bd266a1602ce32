package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.PriorityRule;
import io.switchboard.schemas.avro.PriorityRuleMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The engine's default priority rules, used by every queue whose configuration has no
 * {@code priorityRules} of its own: a base (for queues with no configuration at all), plus a bonus
 * for VIP callers ({@code vip=true}), for inbound calls, and for each tag that has one.
 *
 * @param tags bonus per tag, matched case-insensitively
 */
public record PriorityRules(int base, int vip, int inbound, Map<String, Integer> tags) {

  /** Base 100, VIP +50, inbound +25, urgent +75, high-priority +50, escalation +100 (DESIGN §4). */
  public static final PriorityRules DEFAULT =
      new PriorityRules(100, 50, 25, Map.of("urgent", 75, "high-priority", 50, "escalation", 100));

  public PriorityRules {
    Objects.requireNonNull(tags, "tags");
    Map<String, Integer> lower = new java.util.HashMap<>();
    tags.forEach((tag, bonus) -> lower.put(tag.toLowerCase(Locale.ROOT), bonus));
    tags = Map.copyOf(lower);
  }

  /** The same rules in the form of a queue's {@code priorityRules}: vip, inbound, then tags by name. */
  List<PriorityRule> asRules() {
    List<PriorityRule> rules = new ArrayList<>();
    rules.add(new PriorityRule(PriorityRuleMatch.ATTRIBUTE, "vip", "true", vip));
    rules.add(new PriorityRule(PriorityRuleMatch.DIRECTION, "INBOUND", null, inbound));
    new TreeMap<>(tags).forEach((tag, bonus) -> rules.add(new PriorityRule(PriorityRuleMatch.TAG, tag, null, bonus)));
    return List.copyOf(rules);
  }
}
