package io.switchboard.media.dtmf;

import java.util.Locale;
import java.util.Optional;

/**
 * The key press in a SIP INFO body: {@code application/dtmf-relay} ({@code Signal=5} and an optional
 * {@code Duration=160} in milliseconds, one per line, as most phones send it) or {@code application/dtmf}
 * (the key alone). Anything else is empty, for a 415 (another content type) or a 400 (a body that is
 * not one key press).
 */
public final class SipInfoDtmf {

  public static final String DTMF_RELAY = "application/dtmf-relay";
  public static final String DTMF = "application/dtmf";
  private static final int MAX_BODY = 1024;

  private SipInfoDtmf() {}

  /** Whether INFO bodies of this content type (type/subtype, parameters ignored) carry key presses. */
  public static boolean carriesDtmf(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals(DTMF_RELAY) || type.equals(DTMF);
  }

  /** The key press in {@code body} of {@code contentType}, or empty when it holds none. */
  public static Optional<Digit> read(String contentType, String body) {
    if (!carriesDtmf(contentType) || body == null || body.length() > MAX_BODY) {
      return Optional.empty();
    }
    if (contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(DTMF)) {
      return key(body.trim()).map(key -> new Digit(key, 0, Digit.Source.SIP_INFO));
    }
    Character signal = null;
    int duration = 0;
    for (String line : body.split("\r?\n")) {
      int equals = line.indexOf('=');
      if (equals < 0) {
        if (line.isBlank()) {
          continue;
        }
        return Optional.empty();
      }
      String name = line.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(equals + 1).trim();
      if (name.equals("signal")) {
        Optional<Character> key = key(value);
        if (key.isEmpty() || signal != null) {
          return Optional.empty();
        }
        signal = key.get();
      } else if (name.equals("duration")) {
        if (value.isEmpty() || value.length() > 6 || !value.chars().allMatch(Character::isDigit)) {
          return Optional.empty();
        }
        duration = Integer.parseInt(value);
      }
    }
    return signal == null ? Optional.empty() : Optional.of(new Digit(signal, duration, Digit.Source.SIP_INFO));
  }

  /** One key, {@code 0}–{@code 9}, {@code *}, {@code #}, {@code A}–{@code D} (lower case accepted), or 10 and 11 for * and #. */
  private static Optional<Character> key(String value) {
    if (value.equals("10")) {
      return Optional.of('*');
    }
    if (value.equals("11")) {
      return Optional.of('#');
    }
    if (value.length() != 1) {
      return Optional.empty();
    }
    char key = Character.toUpperCase(value.charAt(0));
    return Digit.KEYS.indexOf(key) >= 0 ? Optional.of(key) : Optional.empty();
  }
}
