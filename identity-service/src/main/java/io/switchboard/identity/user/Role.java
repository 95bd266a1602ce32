package io.switchboard.identity.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The roles a login can hold; {@code service} belongs to service clients only and is never a user's. */
public enum Role {
  CUSTOMER, AGENT, SUPERVISOR, ADMIN;

  /** The value as it appears in the {@code roles} claim and in the admin API. */
  @JsonValue
  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Role of(String value) {
    return Arrays.stream(values()).filter(role -> role.claim().equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown role '" + value + "' (one of customer, agent, supervisor, admin)"));
  }
}
