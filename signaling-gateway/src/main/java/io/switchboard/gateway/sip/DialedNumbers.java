package io.switchboard.gateway.sip;

import java.util.regex.Pattern;

/**
 * Dialed numbers as {@code sip.numbers} keys them: digits only, the way the media bridge reduces an
 * INVITE's Request-URI user part before it looks the number up.
 */
public final class DialedNumbers {

  /** What a person writes between digits: spaces, dashes, dots, parentheses. */
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()]");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{2,20}");

  private DialedNumbers() {}

  /** {@code +49 (30) 123-456} → {@code 4930123456}; null when what is left is not 2 to 20 digits. */
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
