package io.switchboard.media.sip.trunk;

import io.switchboard.media.sip.registrar.DigestAlgorithm;
import java.util.List;
import java.util.Map;

/**
 * One tenant's trunk as the bridge uses it.
 *
 * @param inbound whether INVITEs may come in through it
 * @param sources the blocks whose packets it trusts without a challenge
 * @param digestRealm the realm of its digest trust, null when it has none
 * @param ha1 its HA1s by algorithm, empty when it has no digest trust
 * @param headerRouting whether an {@code X-Switchboard-Queue} header chooses the queue
 * @param outbound where calls out go, null when it is inbound only
 */
public record Trunk(
    String tenantId,
    String trunkId,
    boolean enabled,
    boolean inbound,
    List<Cidr> sources,
    String digestRealm,
    String digestUsername,
    Map<DigestAlgorithm, String> ha1,
    boolean headerRouting,
    OutboundTrunk outbound) {

  public Trunk {
    sources = List.copyOf(sources);
    ha1 = Map.copyOf(ha1);
  }

  public boolean digestTrusted() {
    return digestRealm != null && digestUsername != null && !ha1.isEmpty();
  }
}
