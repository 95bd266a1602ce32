package io.switchboard.gateway.sip;

import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.SipNumber;
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
 * This instance's copy of {@code sip.numbers}: every tenant's numbers (the topic's key is
 * {@code tenantId/number}, digits only). Every tenant's, because a number may belong to one tenant only.
 */
final class SipNumbers extends CompactedTopicReader.Table<SipNumber> {

  private static final Logger log = LoggerFactory.getLogger(SipNumbers.class);

  private final ConcurrentMap<String, ConcurrentSkipListMap<String, SipNumber>> byTenant = new ConcurrentHashMap<>();

  @Override
  public void apply(String tenantId, String number, SipNumber record) {
    if (record == null) {
      byTenant.computeIfPresent(tenantId, (tenant, numbers) -> {
        numbers.remove(number);
        return numbers.isEmpty() ? null : numbers;
      });
    } else if (!record.getTenantId().equals(tenantId) || !record.getNumber().equals(number)) {
      log.warn("Ignored SIP number {} of tenant {} under the record key {}/{}", record.getNumber(),
          record.getTenantId(), tenantId, number);
    } else {
      byTenant.computeIfAbsent(tenantId, tenant -> new ConcurrentSkipListMap<>()).put(number, record);
    }
  }

  /** Fails with a 503 until the topic has been read up to where it ended at start-up. */
  void requireLoaded() {
    if (!loaded()) {
      throw ApiException.unavailable("The SIP numbers are still loading from " + Topics.SIP_NUMBERS.name()
          + "; try again shortly");
    }
  }

  Optional<SipNumber> get(String tenantId, String number) {
    Map<String, SipNumber> numbers = byTenant.get(tenantId);
    return numbers == null ? Optional.empty() : Optional.ofNullable(numbers.get(number));
  }

  /** The tenant's numbers, in the order of their digits. */
  List<SipNumber> all(String tenantId) {
    Map<String, SipNumber> numbers = byTenant.get(tenantId);
    return numbers == null ? List.of() : List.copyOf(numbers.values());
  }

  /** Whether a tenant other than {@code tenantId} has mapped {@code number}. */
  boolean mappedByAnotherTenant(String tenantId, String number) {
    return byTenant.entrySet().stream()
        .anyMatch(entry -> !entry.getKey().equals(tenantId) && entry.getValue().containsKey(number));
  }
}
