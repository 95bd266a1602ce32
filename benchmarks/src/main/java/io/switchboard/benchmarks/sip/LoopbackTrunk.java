package io.switchboard.benchmarks.sip;

import io.switchboard.media.sip.call.InboundRoutes;
import java.net.InetSocketAddress;
import java.util.Map;
import javax.sip.message.Request;

/**
 * The benchmark's trunk: every INVITE from a loopback address enters one queue of one tenant,
 * whatever its Request-URI user (the peer harness dials {@code rtpe} and {@code plain}); any other
 * source is refused as production refuses an untrusted one.
 */
record LoopbackTrunk(String tenantId, String queue) implements InboundRoutes {

  static final String TRUNK_ID = "bench-loopback";

  @Override
  public Route route(Request invite, InetSocketAddress source) {
    if (!source.getAddress().isLoopbackAddress()) {
      return NONE.route(invite, source);
    }
    return new Accepted(tenantId, queue, TRUNK_ID, Map.of("dialed", invite.getRequestURI().toString()));
  }
}
