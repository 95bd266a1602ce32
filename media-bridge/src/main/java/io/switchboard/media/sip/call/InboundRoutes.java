package io.switchboard.media.sip.call;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import javax.sip.header.Header;
import javax.sip.message.Request;

/**
 * Decides where a new INVITE from outside goes: which tenant's queue it enters, or why it is
 * refused. The B2BUA asks once per INVITE that starts a call, before answering anything but 100.
 * Implementations are called on SIP stack threads, concurrently, and must not block.
 */
public interface InboundRoutes {

  /**
   * The route of {@code invite}, received from {@code source} (the packet's address, not what its
   * headers claim).
   */
  Route route(Request invite, InetSocketAddress source);

  /** The outcome of {@link #route}. */
  sealed interface Route permits Accepted, Refused {}

  /**
   * The call enters {@code queue} of {@code tenantId}.
   *
   * @param trunkId the trunk that brought it, null when none
   * @param attributes added to the call's {@code CallCreated} attributes (for example the dialed
   *     number), never null
   */
  record Accepted(String tenantId, String queue, String trunkId, Map<String, String> attributes)
      implements Route {
    public Accepted {
      attributes = Map.copyOf(attributes);
    }
  }

  /**
   * The INVITE is answered with {@code status} and {@code reason} (403 untrusted, 404 unknown number,
   * 407 with a {@code Proxy-Authenticate} header among {@code headers} for a digest-trusted trunk).
   */
  record Refused(int status, String reason, List<Header> headers) implements Route {
    public Refused {
      headers = List.copyOf(headers);
    }

    public Refused(int status, String reason) {
      this(status, reason, List.of());
    }
  }

  /** Refuses everything with 403: no trunk is configured. */
  InboundRoutes NONE = (invite, source) -> new Refused(403, "No trunk trusts " + source.getAddress().getHostAddress());
}
