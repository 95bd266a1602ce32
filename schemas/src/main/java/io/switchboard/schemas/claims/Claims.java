package io.switchboard.schemas.claims;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a configured claim of a token's claims, as every service that checks tokens must, whatever
 * the issuer: the claim names differ between issuers, so each service takes the name from its
 * settings. Plain maps, no security library: the services wrap it in their own converters.
 */
public final class Claims {

  private Claims() {}

  /**
   * The strings of claim {@code name}: a top-level claim of that name (Auth0's namespaced
   * {@code https://…/roles} has dots of its own), or else a dotted path through nested claims
   * ({@code realm_access.roles} for Keycloak). An array gives its strings, one string its
   * space-separated words; a missing claim or any other value gives none.
   */
  public static List<String> strings(Map<String, Object> claims, String name) {
    Object value = claims.containsKey(name) ? claims.get(name) : walk(claims, name);
    if (value instanceof Collection<?> values) {
      return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return value instanceof String words
        ? Arrays.stream(words.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList() : List.of();
  }

  private static Object walk(Map<String, Object> claims, String path) {
    Object node = claims;
    for (String step : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(step);
    }
    return node;
  }
}
