package io.switchboard.media.sip.trunk;

import java.util.Map;

/**
 * A dialed number's queue.
 *
 * @param trunkId when not null, only calls through this trunk take this route
 */
public record NumberRoute(String tenantId, String number, String queue, String trunkId, Map<String, String> attributes) {

  public NumberRoute {
    attributes = Map.copyOf(attributes);
  }
}
