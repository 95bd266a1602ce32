package io.switchboard.identity;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Logins made through the admin API. */
final class Admins {

  private Admins() {}

  /** Creates a login of the admin's tenant; fails the test unless it is created. */
  static Map<String, Object> createUser(Http http, String adminToken, String username, String password,
      List<String> roles, String agentId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", username);
    body.put("password", password);
    body.put("roles", roles);
    if (agentId != null) {
      body.put("agentId", agentId);
    }
    HttpResponse<String> response = http.json("POST", "/api/v1/users", adminToken, body);
    if (response.statusCode() != 201) {
      throw new AssertionError("Creating " + username + " answered " + response.statusCode() + ": " + response.body());
    }
    return Http.json(response.body());
  }
}
