package io.switchboard.gateway.sip;

import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of {@code sip.trunks}: every tenant's trunks by trunk id (the topic's key is
 * {@code tenantId/trunkId}). Every tenant's, because a trusted source may belong to one tenant only.
 */
final class SipTrunks extends CompactedTopicReader.Table<SipTrunk> {

  private static final Logger log = LoggerFactory.getLogger(SipTrunks.class);

  private final ConcurrentMap<String, ConcurrentSkipListMap<String, SipTrunk>> byTenant = new ConcurrentHashMap<>();

  @Override
  public void apply(String tenantId, String trunkId, SipTrunk trunk) {
    if (trunk == null) {
      byTenant.computeIfPresent(tenantId, (tenant, trunks) -> {
        trunks.remove(trunkId);
        return trunks.isEmpty() ? null : trunks;
      });
    } else if (!trunk.getTenantId().equals(tenantId) || !trunk.getTrunkId().equals(trunkId)) {
      log.warn("Ignored SIP trunk {} of tenant {} under the record key {}/{}", trunk.getTrunkId(),
          trunk.getTenantId(), tenantId, trunkId);
    } else {
      byTenant.computeIfAbsent(tenantId, tenant -> new ConcurrentSkipListMap<>()).put(trunkId, trunk);
    }
  }

  /** Fails with a 503 until the topic has been read up to where it ended at start-up. */
  void requireLoaded() {
    if (!loaded()) {
      throw ApiException.unavailable("The SIP trunks are still loading from " + Topics.SIP_TRUNKS.name()
          + "; try again shortly");
    }
  }

  Optional<SipTrunk> get(String tenantId, String trunkId) {
    Map<String, SipTrunk> trunks = byTenant.get(tenantId);
    return trunks == null ? Optional.empty() : Optional.ofNullable(trunks.get(trunkId));
  }

  /** The tenant's trunks, by trunk id. */
  List<SipTrunk> all(String tenantId) {
    Map<String, SipTrunk> trunks = byTenant.get(tenantId);
    return trunks == null ? List.of() : List.copyOf(trunks.values());
  }

  /** The trunks of every tenant but {@code tenantId}. */
  List<SipTrunk> ofOtherTenants(String tenantId) {
    return byTenant.entrySet().stream().filter(entry -> !entry.getKey().equals(tenantId))
        .flatMap(entry -> entry.getValue().values().stream()).toList();
  }
}
