package io.switchboard.routing.store;

/**
 * Fixed-width numbers for store keys, so that byte order is numeric order. Written by hand because
 * {@code String.format} parses its pattern with a regular expression on every call, and keys are
 * built on every event.
 */
public final class Padding {

  private static final String ZEROS = "0000000000000000000";

  private Padding() {}

  /** A non-negative long as 19 decimal digits (every non-negative long fits). */
  public static String decimal19(long value) {
    String digits = Long.toString(Math.max(0, value));
    return ZEROS.substring(digits.length()) + digits;
  }
}
