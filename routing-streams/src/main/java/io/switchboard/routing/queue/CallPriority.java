package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.PriorityRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A call's priority from a queue's base and rules, with the explanation that goes into the reason. */
record CallPriority(int value, String explanation) {

  static CallPriority score(int base, List<PriorityRule> rules, String direction, Map<String, String> attributes,
      List<String> tags) {
    Set<String> lowerTags = new LinkedHashSet<>();
    tags.forEach(tag -> lowerTags.add(tag.toLowerCase(Locale.ROOT)));
    long value = base;
    List<String> why = new ArrayList<>();
    why.add("base " + base);
    for (PriorityRule rule : rules) {
      if (matches(rule, direction, attributes, lowerTags)) {
        value += rule.getPoints();
        why.add(label(rule) + " " + signed(rule.getPoints()));
      }
    }
    int clamped = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    return new CallPriority(clamped, String.join(", ", why));
  }

  private static boolean matches(PriorityRule rule, String direction, Map<String, String> attributes,
      Set<String> lowerTags) {
    switch (rule.getMatch()) {
      case ATTRIBUTE:
        String actual = attributes.get(rule.getName());
        return actual != null && (rule.getValue() == null || rule.getValue().equalsIgnoreCase(actual));
      case TAG:
        return lowerTags.contains(rule.getName().toLowerCase(Locale.ROOT));
      case DIRECTION:
        return rule.getName().equalsIgnoreCase(direction);
      default:
        return false;
    }
  }

  /** "vip", "segment=gold", "inbound", "tag urgent": what a reader of the decision recognises. */
  private static String label(PriorityRule rule) {
    switch (rule.getMatch()) {
      case TAG:
        return "tag " + rule.getName();
      case DIRECTION:
        return rule.getName().toLowerCase(Locale.ROOT);
      default:
        return rule.getValue() == null || "true".equalsIgnoreCase(rule.getValue())
            ? rule.getName() : rule.getName() + "=" + rule.getValue();
    }
  }

  private static String signed(int points) {
    return points >= 0 ? "+" + points : Integer.toString(points);
  }
}
