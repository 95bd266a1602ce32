package io.switchboard.gateway.web;

import java.util.regex.Pattern;

/** The shapes of tenants (from tokens) and ids (from clients) that the gateway accepts. */
public final class RequestIds {

  /**
   * Header carrying the tenant on the gateway's own requests to call-state and routing, set from
   * the caller's token. A client's header of this name is ignored.
   */
  public static final String TENANT_HEADER = "X-Tenant-Id";
  public static final String TENANT_PATTERN = "[A-Za-z0-9_-]{1,64}";
  /** Agent, call and queue ids: no spaces or slashes, so they are safe in paths and topic keys. */
  public static final String ID_PATTERN = "[A-Za-z0-9_.:@-]{1,128}";

  private static final Pattern TENANT = Pattern.compile(TENANT_PATTERN);
  private static final Pattern ID = Pattern.compile(ID_PATTERN);
  private static final int ECHO_LIMIT = 80;

  private RequestIds() {}

  /** Returns {@code id} when it is a valid id, else fails with a 400 naming {@code what}. */
  public static String id(String what, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiException.badRequest(what + " must match " + ID_PATTERN + ", got '" + echo(id) + "'");
    }
    return id;
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public static boolean isValidTenant(String tenant) {
    return tenant != null && TENANT.matcher(tenant).matches();
  }

  // Bad input is echoed so the client sees what was wrong, but never at length.
  static String echo(String value) {
    if (value == null) {
      return "";
    }
    return value.length() <= ECHO_LIMIT ? value : value.substring(0, ECHO_LIMIT) + "…";
  }
}
