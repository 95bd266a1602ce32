package io.switchboard.gateway.signaling;

import java.util.Optional;

/**
 * The {@code from} and {@code to} of a signaling message: {@code agent:<agentId>} or
 * {@code customer:<token subject>}, so that one field names the side and who is on it.
 */
public final class Endpoints {

  public static final String AGENT = "agent:";
  public static final String CUSTOMER = "customer:";

  /** A parsed endpoint: {@code agent} true for an agent's, else a customer's. */
  public record Endpoint(boolean agent, String id) {}

  private Endpoints() {}

  public static String agent(String agentId) {
    return AGENT + agentId;
  }

  public static String customer(String subject) {
    return CUSTOMER + subject;
  }

  /** Empty for a string that names neither side, or names nobody. */
  public static Optional<Endpoint> parse(String endpoint) {
    if (endpoint == null) {
      return Optional.empty();
    }
    if (endpoint.startsWith(AGENT) && endpoint.length() > AGENT.length()) {
      return Optional.of(new Endpoint(true, endpoint.substring(AGENT.length())));
    }
    if (endpoint.startsWith(CUSTOMER) && endpoint.length() > CUSTOMER.length()) {
      return Optional.of(new Endpoint(false, endpoint.substring(CUSTOMER.length())));
    }
    return Optional.empty();
  }
}
