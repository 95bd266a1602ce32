package io.switchboard.media.sip.trunk;

import java.util.regex.Pattern;

/** Dialed numbers as the numbers topic keys them: digits only. */
public final class DialedNumbers {

  /** What a person writes between digits: spaces, dashes, dots, parentheses. */
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()]");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{2,20}");

  private DialedNumbers() {}

  /**
   * {@code +49 (30) 123-456} → {@code 4930123456}; null when what is left is not 2 to 20 digits
   * (a user part like {@code support} is no number).
   */
  public static String normalize(String dialed) {
    if (dialed == null) {
      return null;
    }
    String digits = SEPARATORS.matcher(dialed.trim()).replaceAll("");
    if (digits.startsWith("+")) {
      digits = digits.substring(1);
    }
    return DIGITS.matcher(digits).matches() ? digits : null;
  }
}
