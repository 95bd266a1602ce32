package io.switchboard.gateway.widget;

import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.security.CustomerKeys;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.WidgetKey;
import io.switchboard.schemas.topics.Topics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of {@code widget.keys}: the active keys by tenant and by id (the token exchange
 * knows the id only), and the union of their origins for CORS. Written by the reader's thread, read
 * by requests; a key revoked on another instance stops working here once the tombstone is read.
 */
final class WidgetKeys extends CompactedTopicReader.Table<WidgetKey> implements CustomerKeys {

  private static final Logger log = LoggerFactory.getLogger(WidgetKeys.class);

  private final ConcurrentMap<String, ConcurrentSkipListMap<String, WidgetKey>> byTenant = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, WidgetKey> byId = new ConcurrentHashMap<>();
  /** The union of the active keys' origins, made again on the first read after a change (null). */
  private Set<String> allOrigins = Set.of();

  /** A key replaces the one of its tenant and id; a tombstone (a revocation) removes it. */
  @Override
  public synchronized void apply(String tenantId, String keyId, WidgetKey key) {
    if (key == null) {
      byTenant.computeIfPresent(tenantId, (tenant, keys) -> {
        keys.remove(keyId);
        return keys.isEmpty() ? null : keys;
      });
      byId.computeIfPresent(keyId, (id, existing) -> existing.getTenantId().equals(tenantId) ? null : existing);
    } else if (!key.getTenantId().equals(tenantId) || !key.getKeyId().equals(keyId)) {
      log.warn("Ignored widget key {} of tenant {} under the record key {}/{}", key.getKeyId(), key.getTenantId(),
          tenantId, keyId);
      return;
    } else {
      WidgetKey other = byId.putIfAbsent(keyId, key);
      if (other != null && !other.getTenantId().equals(tenantId)) {
        log.warn("Ignored widget key {} of tenant {}: tenant {} has that id", keyId, tenantId, other.getTenantId());
        return;
      }
      byId.put(keyId, key);
      byTenant.computeIfAbsent(tenantId, tenant -> new ConcurrentSkipListMap<>()).put(keyId, key);
    }
    allOrigins = null;
  }

  /** Fails with a 503 until the topic has been read up to where it ended at start-up. */
  void requireLoaded() {
    if (!loaded()) {
      throw ApiException.unavailable("The widget keys are still loading from " + Topics.WIDGET_KEYS.name()
          + "; try again shortly");
    }
  }

  /** The tenant's active key {@code keyId}. */
  Optional<WidgetKey> find(String tenantId, String keyId) {
    Map<String, WidgetKey> keys = byTenant.get(tenantId);
    return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(keyId));
  }

  /** The active key {@code keyId}, whatever its tenant: the public id is all a page presents. */
  Optional<WidgetKey> find(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  /** The tenant's active keys, by id. */
  List<WidgetKey> all(String tenantId) {
    Map<String, WidgetKey> keys = byTenant.get(tenantId);
    return keys == null ? List.of() : List.copyOf(keys.values());
  }

  @Override
  public Optional<CustomerKey> active(String tenant, String keyId) {
    return find(tenant, keyId).map(WidgetKeys::customerKey);
  }

  @Override
  public synchronized Set<String> allOrigins() {
    if (allOrigins == null) {
      Set<String> union = new LinkedHashSet<>();
      byId.values().forEach(each -> union.addAll(each.getAllowedOrigins()));
      allOrigins = Set.copyOf(union);
    }
    return allOrigins;
  }

  static CustomerKey customerKey(WidgetKey key) {
    return new CustomerKey(key.getTenantId(), key.getKeyId(), Set.copyOf(key.getAllowedOrigins()), key.getQueue());
  }
}
