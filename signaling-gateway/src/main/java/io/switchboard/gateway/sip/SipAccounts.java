package io.switchboard.gateway.sip;

import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.SipAccount;
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
 * This instance's copy of {@code sip.credentials}: the accounts by tenant and username (the topic's key).
 * Written by the reader's thread, read by requests.
 */
final class SipAccounts extends CompactedTopicReader.Table<SipAccount> {

  private static final Logger log = LoggerFactory.getLogger(SipAccounts.class);

  private final ConcurrentMap<String, ConcurrentSkipListMap<String, SipAccount>> byTenant = new ConcurrentHashMap<>();

  /** An account replaces the one of its tenant and username; a tombstone removes it. */
  @Override
  public void apply(String tenantId, String username, SipAccount account) {
    if (account == null) {
      byTenant.computeIfPresent(tenantId, (tenant, accounts) -> {
        accounts.remove(username);
        return accounts.isEmpty() ? null : accounts;
      });
    } else if (!account.getTenantId().equals(tenantId) || !account.getUsername().equals(username)) {
      log.warn("Ignored SIP account {} of tenant {} under the record key {}/{}", account.getUsername(),
          account.getTenantId(), tenantId, username);
    } else {
      byTenant.computeIfAbsent(tenantId, tenant -> new ConcurrentSkipListMap<>()).put(username, account);
    }
  }

  /** Fails with a 503 until the topic has been read up to where it ended at start-up. */
  void requireLoaded() {
    if (!loaded()) {
      throw ApiException.unavailable("The SIP accounts are still loading from " + Topics.SIP_CREDENTIALS.name()
          + "; try again shortly");
    }
  }

  /** The tenant's account with this username. */
  Optional<SipAccount> byUsername(String tenantId, String username) {
    Map<String, SipAccount> accounts = byTenant.get(tenantId);
    return accounts == null ? Optional.empty() : Optional.ofNullable(accounts.get(username));
  }

  /** The tenant's accounts of {@code agentId}: one, unless records were written to the topic by hand. */
  List<SipAccount> byAgent(String tenantId, String agentId) {
    return all(tenantId).stream().filter(account -> account.getAgentId().equals(agentId)).toList();
  }

  /** The tenant's accounts, by username. */
  List<SipAccount> all(String tenantId) {
    Map<String, SipAccount> accounts = byTenant.get(tenantId);
    return accounts == null ? List.of() : List.copyOf(accounts.values());
  }
}
