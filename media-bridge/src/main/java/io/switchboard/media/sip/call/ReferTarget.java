package io.switchboard.media.sip.call;

import io.switchboard.media.sip.registrar.SipCredentials;
import io.switchboard.media.sip.trunk.DialedNumbers;
import io.switchboard.schemas.avro.TransferTargetType;
import java.util.Locale;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.message.Response;

/**
 * Where an agent's REFER sends its call (a blind transfer, docs/media-bridge.md "Transfers"): the
 * {@code Refer-To} URI's user names an agent or a queue of the caller's tenant, or a number.
 *
 * <ul>
 *   <li>a {@code tel:} URI ({@code tel:+15551234567}), or a {@code sip:} URI with {@code ;target=number}
 *       or {@code ;user=phone}, is a number, dialled over the tenant's outbound trunk: its user read as
 *       {@link DialedNumbers#normalize} reads dialled numbers (2 to 20 digits once a leading {@code +}
 *       and separators are dropped), anything else refused with 400;</li>
 *   <li>{@code ;target=agent} or {@code ;target=queue} on the URI says which, explicitly;</li>
 *   <li>otherwise a user that is the username of a SIP account in the URI's domain, or the id of an
 *       agent with a SIP account, of the same tenant, is that agent (a phone's transfer key dials
 *       the other agent's extension);</li>
 *   <li>anything else is the name of a queue (the routing engine refuses a queue it does not know).</li>
 * </ul>
 *
 * @param type agent, queue or external (a number), as {@code CallTransferred} carries it
 * @param target the agent id, the queue name, or the number's digits
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
    if (uri instanceof TelURL tel) {
      return number(tel.getPhoneNumber(), uri); // a global number's + is dropped as dialled numbers' is
    }
    if (!(uri instanceof SipURI sip)) {
      throw new Refused(Response.UNSUPPORTED_URI_SCHEME,
          "Transfers go to a sip: URI naming an agent or a queue, or a tel: URI, not " + uri.getScheme());
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
        case "number" -> number(user, uri);
        default -> throw new Refused(Response.BAD_REQUEST,
            "Refer-To target=" + explicit + ": transfers go to target=agent, target=queue or target=number");
      };
    }
    if ("phone".equalsIgnoreCase(sip.getUserParam())) {
      return number(user, uri);
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

  /** A transfer to a number: its digits, or 400 when {@code dialled} is no number. */
  private static ReferTarget number(String dialled, URI uri) throws Refused {
    // A user=phone user part may carry its own parameters (";isub=…", ";phone-context=…"): the number is before them.
    int parameters = dialled == null ? -1 : dialled.indexOf(';');
    String digits = DialedNumbers.normalize(parameters < 0 ? dialled : dialled.substring(0, parameters));
    if (digits == null) {
      throw new Refused(Response.BAD_REQUEST, "The Refer-To URI names no number (2 to 20 digits): " + uri);
    }
    return new ReferTarget(TransferTargetType.EXTERNAL, digits);
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
