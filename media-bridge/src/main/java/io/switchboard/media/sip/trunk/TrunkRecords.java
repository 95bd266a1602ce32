package io.switchboard.media.sip.trunk;

import io.switchboard.media.sip.registrar.DigestAlgorithm;
import io.switchboard.schemas.avro.SipNumber;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.SipTrunkDirection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The topics' records as the bridge's trunks and number routes. */
final class TrunkRecords {

  private TrunkRecords() {}

  static Trunk trunk(String tenantId, String trunkId, SipTrunk record) {
    boolean inbound = record.getDirection() != SipTrunkDirection.OUTBOUND;
    boolean outbound = record.getDirection() != SipTrunkDirection.INBOUND && record.getOutboundHost() != null;
    List<Cidr> sources = record.getTrustedSources().stream().map(Cidr::parse).toList();
    Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
    if (record.getHa1Sha256() != null) {
      ha1.put(DigestAlgorithm.SHA_256, record.getHa1Sha256());
    }
    if (record.getHa1Md5() != null) {
      ha1.put(DigestAlgorithm.MD5, record.getHa1Md5());
    }
    OutboundTrunk target = outbound
        ? new OutboundTrunk(tenantId, trunkId, record.getOutboundHost(), record.getOutboundPort(),
            record.getOutboundTransport(), record.getOutboundUsername(), record.getOutboundPassword())
        : null;
    return new Trunk(tenantId, trunkId, record.getEnabled(), inbound, sources, record.getDigestRealm(),
        record.getDigestUsername(), ha1, record.getHeaderRouting(), target);
  }

  static NumberRoute number(String tenantId, String number, SipNumber record) {
    return new NumberRoute(tenantId, number, record.getQueue(), record.getTrunkId(), record.getAttributes());
  }
}
