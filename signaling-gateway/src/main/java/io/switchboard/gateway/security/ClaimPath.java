package io.switchboard.gateway.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a claim by name or by a dotted path into nested objects ({@code realm_access.roles}). */
final class ClaimPath {

  private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s,]+");

  private final String path;
  private final String[] steps;

  ClaimPath(String path) {
    this.path = path;
    // A claim whose own name has dots (Auth0's namespaced "https://acme.example/tenant") is read first.
    this.steps = path.split("\\.");
  }

  /** The value at the path, or null when any step is missing. */
  Object read(Map<String, Object> claims) {
    if (claims.containsKey(path)) {
      return claims.get(path);
    }
    Object current = claims;
    for (String step : steps) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }

  /** A string claim, or null when it is missing or not a string. */
  String text(Map<String, Object> claims) {
    return read(claims) instanceof String value ? value : null;
  }

  /** A list of strings: a JSON array, or one string with names separated by spaces or commas. */
  List<String> list(Map<String, Object> claims) {
    Object value = read(claims);
    if (value instanceof Collection<?> items) {
      return items.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    if (value instanceof String text && !text.isBlank()) {
      return List.of(LIST_SEPARATOR.split(text.strip()));
    }
    return List.of();
  }

  @Override
  public String toString() {
    return path;
  }
}
