package io.switchboard.callstate.query;

import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The tenant of a request, from the {@code X-Tenant-Id} header. It is trusted only because every
 * request here carries a service credential (see {@code ServiceSecurityConfiguration}): the caller
 * is the gateway, which took the tenant from its own caller's token, never a client.
 */
final class Tenants {

  static final String HEADER = "X-Tenant-Id";
  static final String DEFAULT = "default";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private Tenants() {}

  /** The tenant id, or a 400 when the header is not a valid one. */
  static String require(String header) {
    if (header == null || !VALID.matcher(header).matches()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, HEADER + " must match [A-Za-z0-9_-]{1,64}");
    }
    return header;
  }
}
