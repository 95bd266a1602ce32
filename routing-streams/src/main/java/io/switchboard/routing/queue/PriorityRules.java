package io.switchboard.routing.queue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Priority of a call from its attributes: a base, plus a bonus for VIP callers ({@code vip=true}),
 * for inbound calls, and for each tag that has one. Higher goes first.
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

  /** A priority and the rules that made it, for the decision's reason. */
  record Priority(int value, String explanation) {}

  Priority score(String direction, Map<String, String> attributes, List<String> callTags) {
    long value = base;
    List<String> why = new ArrayList<>();
    why.add("base " + base);
    if ("true".equalsIgnoreCase(attributes.get("vip"))) {
      value += vip;
      why.add("vip " + signed(vip));
    }
    if ("INBOUND".equals(direction)) {
      value += inbound;
      why.add("inbound " + signed(inbound));
    }
    for (String tag : new LinkedHashSet<>(callTags)) {
      Integer bonus = tags.get(tag.toLowerCase(Locale.ROOT));
      if (bonus != null) {
        value += bonus;
        why.add("tag " + tag + " " + signed(bonus));
      }
    }
    int clamped = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    return new Priority(clamped, String.join(", ", why));
  }

  private static String signed(int bonus) {
    return bonus >= 0 ? "+" + bonus : Integer.toString(bonus);
  }
}
