package io.switchboard.gateway.sip;

import io.switchboard.schemas.avro.SipTrunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A SIP trunk as the admin API shows it: no password and no digest. */
record SipTrunkView(String trunkId, String direction, boolean enabled, List<String> trustedSources, Digest digest,
    boolean headerRouting, Outbound outbound, Instant updatedAt) {

  /** Inbound digest trust: the realm INVITEs are addressed to, and the HA1s' algorithms. */
  record Digest(String realm, String username, List<String> algorithms) {}

  record Outbound(String host, int port, String transport, String username, boolean passwordSet) {}

  static SipTrunkView of(SipTrunk trunk) {
    Digest digest = null;
    if (trunk.getDigestUsername() != null) {
      List<String> algorithms = new ArrayList<>();
      if (trunk.getHa1Sha256() != null) {
        algorithms.add("SHA-256");
      }
      if (trunk.getHa1Md5() != null) {
        algorithms.add("MD5");
      }
      digest = new Digest(trunk.getDigestRealm(), trunk.getDigestUsername(), List.copyOf(algorithms));
    }
    Outbound outbound = trunk.getOutboundHost() == null ? null
        : new Outbound(trunk.getOutboundHost(), trunk.getOutboundPort(), trunk.getOutboundTransport(),
            trunk.getOutboundUsername(), trunk.getOutboundPassword() != null);
    return new SipTrunkView(trunk.getTrunkId(), trunk.getDirection().name(), trunk.getEnabled(),
        List.copyOf(trunk.getTrustedSources()), digest, trunk.getHeaderRouting(), outbound, trunk.getOccurredAt());
  }
}
