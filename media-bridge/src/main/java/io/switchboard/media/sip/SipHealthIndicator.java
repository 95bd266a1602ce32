package io.switchboard.media.sip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sip.ListeningPoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code sip}: UP while the stack runs with every configured transport bound,
 * with the addresses actually bound as details.
 */
final class SipHealthIndicator implements HealthIndicator {

  private final SipServer server;
  private final SipProperties properties;

  SipHealthIndicator(SipServer server, SipProperties properties) {
    this.server = server;
    this.properties = properties;
  }

  @Override
  public Health health() {
    SipServer.RunningStack running = server.current();
    if (running == null) {
      return Health.down().withDetail("reason", "SIP stack not running").build();
    }
    if (!running.stack().isAlive()) {
      return Health.down().withDetail("reason", "SIP stack stopped on its own").build();
    }
    List<ListeningPoint> points = running.listeningPoints();
    Map<String, String> bound = new LinkedHashMap<>();
    for (ListeningPoint point : points) {
      bound.put(point.getTransport().toLowerCase(Locale.ROOT), point.getIPAddress() + ":" + point.getPort());
    }
    Health.Builder health =
        bound.size() == properties.transports().size() ? Health.up() : Health.down();
    return health.withDetail("listening", bound).withDetail("stack", running.name()).build();
  }
}
