package io.switchboard.callstate.query;

import io.switchboard.schemas.call.CallState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/** Parses query parameters; every refusal is a 400 naming the parameter. */
final class Params {

  private Params() {}

  /** An ISO-8601 instant with an offset ({@code Z} or {@code +02:00}), or null when absent. */
  static Instant instant(String name, String value) {
    if (blank(value)) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw bad(name + " must be an ISO-8601 date-time with an offset, e.g. 2025-01-31T08:00:00Z, not '"
          + value + "'");
    }
  }

  static Instant requiredInstant(String name, String value) {
    if (blank(value)) {
      throw bad(name + " is required");
    }
    return instant(name, value);
  }

  /** from must come before to when both are given. */
  static void ordered(Instant from, Instant to) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw bad("from must be before to");
    }
  }

  static int integer(String name, String value, int defaultValue, int min, int max) {
    if (blank(value)) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // refused below with the same message as an out-of-range value
    }
    throw bad(name + " must be an integer from " + min + " to " + max + ", not '" + value + "'");
  }

  /** Call states, repeated ({@code state=A&state=B}) or comma-separated, case-insensitive. */
  static List<CallState> states(List<String> values) {
    return symbols("state", values, CallState.class);
  }

  /**
   * Symbols of {@code type}, repeated ({@code name=A&name=B}) or comma-separated, case-insensitive,
   * each once, in the order given.
   */
  static <E extends Enum<E>> List<E> symbols(String name, List<String> values, Class<E> type) {
    List<E> symbols = new ArrayList<>();
    if (values == null) {
      return symbols;
    }
    for (String value : values) {
      for (String symbol : value.split(",")) {
        if (blank(symbol)) {
          continue;
        }
        try {
          E parsed = Enum.valueOf(type, symbol.trim().toUpperCase(Locale.ROOT));
          if (!symbols.contains(parsed)) {
            symbols.add(parsed);
          }
        } catch (IllegalArgumentException e) {
          throw bad(name + " must be one of " + List.of(type.getEnumConstants()) + ", not '" + symbol.trim() + "'");
        }
      }
    }
    return symbols;
  }

  /** A filter value: null when absent or blank, else trimmed. */
  static String text(String value) {
    return blank(value) ? null : value.trim();
  }

  /** Only json (the default) and csv; csv is turned into Accept: text/csv by {@link CsvFormatFilter}. */
  static void format(String value) {
    if (!blank(value) && !"json".equalsIgnoreCase(value.trim()) && !"csv".equalsIgnoreCase(value.trim())) {
      throw bad("format must be json or csv, not '" + value + "'");
    }
  }

  static ApiException bad(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
