package io.switchboard.gateway.security;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web origins as browsers send them in {@code Origin}: {@code scheme://host[:port]}, http or https,
 * nothing else (no path, query, user info or wildcard). Normalised the way browsers write them, lower
 * case and without the scheme's default port, so that an exact string comparison is the right one.
 */
public final class Origins {

  private static final Pattern ORIGIN = Pattern.compile(
      "(?<scheme>https?)://(?<host>[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
          + "|\\[[0-9A-Fa-f:.]+\\])(:(?<port>[0-9]{1,5}))?", Pattern.CASE_INSENSITIVE);

  private Origins() {}

  /** The origin in its browser form, or empty when {@code value} is not an http(s) origin. */
  public static Optional<String> normalise(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher match = ORIGIN.matcher(value);
    if (!match.matches()) {
      return Optional.empty();
    }
    String scheme = match.group("scheme").toLowerCase(Locale.ROOT);
    String host = match.group("host").toLowerCase(Locale.ROOT);
    String port = match.group("port");
    if (port == null) {
      return Optional.of(scheme + "://" + host);
    }
    int number = Integer.parseInt(port);
    if (number < 1 || number > 65_535) {
      return Optional.empty();
    }
    boolean isDefault = scheme.equals("https") ? number == 443 : number == 80;
    return Optional.of(scheme + "://" + host + (isDefault ? "" : ":" + number));
  }
}
