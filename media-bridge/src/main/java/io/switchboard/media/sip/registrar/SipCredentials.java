package io.switchboard.media.sip.registrar;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of every SIP credential, by realm and username; written by the reader of
 * the credentials topic, read by REGISTER. The realms of the credentials are the domains the
 * registrar serves.
 */
public final class SipCredentials {

  private final Map<String, SipCredential> byRealmAndUser = new ConcurrentHashMap<>();
  /** Tenant/username (the topic's key) → realm/username, so that a tombstone finds what it removes. */
  private final Map<String, String> byTenantKey = new ConcurrentHashMap<>();
  private final Map<String, Integer> realms = new ConcurrentHashMap<>();
  /** Tenant/agent → the agent's credential applied last, whose profile its registrations publish. */
  private final Map<String, SipCredential> byAgent = new ConcurrentHashMap<>();

  /** Adds or replaces the credential of {@code tenantId}/{@code username}; null removes it. */
  public synchronized void apply(String tenantId, String username, SipCredential credential) {
    String tenantKey = tenantId + "/" + username;
    String previous = byTenantKey.remove(tenantKey);
    if (previous != null) {
      SipCredential removed = byRealmAndUser.remove(previous);
      if (removed != null) {
        byAgent.remove(removed.tenantId() + "/" + removed.agentId(), removed);
        realms.computeIfPresent(removed.realm(), (realm, count) -> count == 1 ? null : count - 1);
      }
    }
    if (credential != null) {
      String key = key(credential.realm(), credential.username());
      SipCredential replaced = byRealmAndUser.put(key, credential);
      if (replaced != null) {
        // The same realm and username under another tenant key: the newest wins.
        byTenantKey.values().remove(key);
        byAgent.remove(replaced.tenantId() + "/" + replaced.agentId(), replaced);
        realms.computeIfPresent(replaced.realm(), (realm, count) -> count == 1 ? null : count - 1);
      }
      byTenantKey.put(tenantKey, key);
      byAgent.put(credential.tenantId() + "/" + credential.agentId(), credential);
      realms.merge(credential.realm(), 1, Integer::sum);
    }
  }

  public Optional<SipCredential> find(String realm, String username) {
    if (realm == null || username == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byRealmAndUser.get(key(realm.toLowerCase(Locale.ROOT), username)));
  }

  /** The profile in the credential of {@code tenantId}'s {@code agentId}; the defaults when it has none. */
  public AgentProfile profile(String tenantId, String agentId) {
    SipCredential credential = byAgent.get(tenantId + "/" + agentId);
    return credential == null ? AgentProfile.NONE : credential.profile();
  }

  /** Whether {@code tenantId} has an agent {@code agentId} with a SIP account. */
  public boolean hasAgent(String tenantId, String agentId) {
    return byAgent.containsKey(tenantId + "/" + agentId);
  }

  /** Whether some credential has this realm, i.e. the registrar holds bindings for the domain. */
  public boolean serves(String realm) {
    return realm != null && realms.containsKey(realm.toLowerCase(Locale.ROOT));
  }

  public int size() {
    return byRealmAndUser.size();
  }

  private static String key(String realm, String username) {
    return realm + "\n" + username;
  }
}
