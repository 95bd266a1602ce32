package io.switchboard.media.sip.trunk;

import io.switchboard.media.sip.call.InboundRoutes;
import io.switchboard.media.sip.registrar.DigestAlgorithm;
import io.switchboard.media.sip.registrar.Nonces;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes from the trunks and numbers topics: a trunk trusts the INVITE's source address (longest
 * matching CIDR), or else a trunk with digest trust in the Request-URI's domain is asked to prove
 * itself with {@code Proxy-Authorization} (407). The tenant's number for the Request-URI's user part
 * (or, on a trunk with header routing, the {@code X-Switchboard-Queue} header) gives the queue.
 * Only in-memory look-ups: safe on SIP threads.
 */
public final class TrunkRoutes implements InboundRoutes {

  /** The header that names the queue on a trunk with header routing. */
  public static final String QUEUE_HEADER = "X-Switchboard-Queue";

  private static final Logger log = LoggerFactory.getLogger(TrunkRoutes.class);

  private final TrunkTable table;
  private final Nonces nonces;
  private final List<DigestAlgorithm> algorithms;
  private final HeaderFactory headers;

  public TrunkRoutes(TrunkTable table, Nonces nonces, List<DigestAlgorithm> algorithms, HeaderFactory headers) {
    this.table = table;
    this.nonces = nonces;
    this.algorithms = List.copyOf(algorithms);
    this.headers = headers;
  }

  @Override
  public Route route(Request invite, InetSocketAddress source) {
    String ip = source.getAddress().getHostAddress();
    Optional<Trunk> trusted = table.trusting(source.getAddress());
    Trunk trunk;
    if (trusted.isPresent()) {
      trunk = trusted.get();
    } else {
      String realm = host(invite.getRequestURI());
      List<Trunk> candidates = table.digestTrunks(realm);
      if (candidates.isEmpty()) {
        log.debug("INVITE from {} refused: no trunk trusts it", ip);
        return new Refused(403, "No trunk trusts " + ip);
      }
      ProxyAuthorizationHeader answer = answerFor(invite, realm);
      if (answer == null) {
        return challenge(realm, false, "Proxy authentication required");
      }
      Object verdict = TrunkDigest.check(answer, candidates, realm, invite.getMethod(),
          invite.getRequestURI().toString(), nonces, algorithms);
      if (verdict instanceof TrunkDigest.Malformed malformed) {
        return new Refused(400, malformed.reason());
      }
      if (verdict instanceof TrunkDigest.Again again) {
        log.info("INVITE from {} for realm {} challenged again: {}", ip, realm, again.reason());
        return challenge(realm, again.stale(), "Proxy authentication required");
      }
      trunk = ((TrunkDigest.Trusted) verdict).trunk();
    }
    if (!trunk.enabled()) {
      return new Refused(403, "Trunk " + trunk.trunkId() + " is disabled");
    }
    return queueFor(invite, trunk);
  }

  private Route queueFor(Request invite, Trunk trunk) {
    String user = invite.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
    String number = DialedNumbers.normalize(user);
    Map<String, String> attributes = new HashMap<>();
    attributes.put("trunk", trunk.trunkId());
    if (number != null) {
      attributes.put("dialedNumber", number);
    }
    if (trunk.headerRouting()) {
      String queue = headerValue(invite.getHeader(QUEUE_HEADER));
      if (queue != null && !queue.isBlank()) {
        return new Accepted(trunk.tenantId(), queue.trim(), trunk.trunkId(), attributes);
      }
    }
    Optional<NumberRoute> route = number == null ? Optional.empty() : table.number(trunk.tenantId(), number);
    if (route.isEmpty() || (route.get().trunkId() != null && !route.get().trunkId().equals(trunk.trunkId()))) {
      return new Refused(404, "No queue for number " + (number == null ? user : number));
    }
    Map<String, String> all = new HashMap<>(route.get().attributes());
    all.putAll(attributes);
    return new Accepted(trunk.tenantId(), route.get().queue(), trunk.trunkId(), all);
  }

  /** One Proxy-Authenticate per algorithm in order of preference (RFC 8760 2.4), each with a nonce. */
  private Route challenge(String realm, boolean stale, String reason) {
    List<Header> challenges = new ArrayList<>();
    try {
      for (DigestAlgorithm algorithm : algorithms) {
        ProxyAuthenticateHeader header = headers.createProxyAuthenticateHeader("Digest");
        header.setRealm(realm);
        header.setNonce(nonces.issue(realm));
        header.setAlgorithm(algorithm.token());
        header.setQop("auth");
        if (stale) {
          header.setStale(true);
        }
        challenges.add(header);
      }
    } catch (ParseException e) {
      throw new IllegalStateException("A challenge for realm " + realm + " could not be built", e);
    }
    return new Refused(407, reason, challenges);
  }

  private static ProxyAuthorizationHeader answerFor(Request invite, String realm) {
    ListIterator<?> each = invite.getHeaders(ProxyAuthorizationHeader.NAME);
    while (each.hasNext()) {
      ProxyAuthorizationHeader header = (ProxyAuthorizationHeader) each.next();
      if ("Digest".equalsIgnoreCase(header.getScheme()) && realm.equalsIgnoreCase(header.getRealm())) {
        return header;
      }
    }
    return null;
  }

  private static String host(URI uri) {
    return uri instanceof SipURI sip ? sip.getHost() : null;
  }

  private static String headerValue(Header header) {
    if (header == null) {
      return null;
    }
    if (header instanceof ExtensionHeader extension) {
      return extension.getValue();
    }
    String text = header.toString();
    int colon = text.indexOf(':');
    return colon < 0 ? null : text.substring(colon + 1).trim();
  }
}
