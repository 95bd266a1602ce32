package io.switchboard.media.sip.call;

import io.switchboard.media.sip.registrar.SipCredentials;
import io.switchboard.schemas.avro.TransferTargetType;
import java.util.Locale;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.message.Response;

/**
 * Where an agent's REFER sends its call (a blind transfer, docs/media-bridge.md "Transfers"): the
 * {@code Refer-To} URI's user names an agent or a queue of the caller's tenant.
 *
 * <ul>
 *   <li>{@code ;target=agent} or {@code ;target=queue} on the URI says which, explicitly;</li>
 *   <li>otherwise a user that is the username of a SIP account in the URI's domain, or the id of an
 *       agent with a SIP account, of the same tenant, is that agent (a phone's transfer key dials
 *       the other agent's extension);</li>
 *   <li>anything else is the name of a queue (the routing engine refuses a queue it does not know).</li>
 * </ul>
 *
 * @param type agent or queue, as {@code CallTransferred} carries it
 * @param target the agent id or the queue name
 */
record ReferTarget(TransferTargetType type, String target) {

  /** Why a REFER is refused before anything is published: the SIP status and its reason phrase. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String reason) {
      super(reason);
      this.status = status;
    }
  }

  static ReferTarget resolve(String tenantId, Address referTo, SipCredentials credentials) throws Refused {
    if (referTo == null) {
      throw new Refused(Response.BAD_REQUEST, "A REFER needs a Refer-To header (RFC 3515)");
    }
    URI uri = referTo.getURI();
    if (!(uri instanceof SipURI sip)) {
      throw new Refused(Response.UNSUPPORTED_URI_SCHEME,
          "Transfers go to a sip: URI naming an agent or a queue, not " + uri.getScheme());
    }
    if (sip.getHeader("Replaces") != null) {
      throw new Refused(Response.NOT_IMPLEMENTED, "Attended transfer (Refer-To with Replaces) is not supported");
    }
    String user = sip.getUser();
    if (user == null || user.isBlank()) {
      throw new Refused(Response.BAD_REQUEST, "The Refer-To URI names no agent or queue: " + uri);
    }
    String explicit = sip.getParameter("target");
    if (explicit != null) {
      return switch (explicit.toLowerCase(Locale.ROOT)) {
        case "agent" -> new ReferTarget(TransferTargetType.AGENT, agentIdOf(tenantId, sip, credentials));
        case "queue" -> new ReferTarget(TransferTargetType.QUEUE, user);
        default -> throw new Refused(Response.BAD_REQUEST,
            "Refer-To target=" + explicit + ": transfers go to target=agent or target=queue");
      };
    }
    String agentId = accountAgent(tenantId, sip, credentials);
    if (agentId != null) {
      return new ReferTarget(TransferTargetType.AGENT, agentId);
    }
    if (credentials.hasAgent(tenantId, user)) {
      return new ReferTarget(TransferTargetType.AGENT, user);
    }
    return new ReferTarget(TransferTargetType.QUEUE, user);
  }

  /** The agent a {@code target=agent} URI names: by its account's username, else the user as an agent id. */
  private static String agentIdOf(String tenantId, SipURI sip, SipCredentials credentials) {
    String byAccount = accountAgent(tenantId, sip, credentials);
    return byAccount != null ? byAccount : sip.getUser();
  }

  private static String accountAgent(String tenantId, SipURI sip, SipCredentials credentials) {
    return credentials.find(sip.getHost(), sip.getUser())
        .filter(credential -> credential.tenantId().equals(tenantId))
        .map(credential -> credential.agentId())
        .orElse(null);
  }
}
