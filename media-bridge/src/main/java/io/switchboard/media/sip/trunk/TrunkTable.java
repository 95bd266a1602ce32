package io.switchboard.media.sip.trunk;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of {@code sip.trunks} and {@code sip.numbers}; written by their readers, read by
 * the routes on SIP threads without locking.
 */
public final class TrunkTable {

  private final Map<String, Trunk> trunks = new ConcurrentHashMap<>();
  private final Map<String, NumberRoute> numbers = new ConcurrentHashMap<>();

  /** Adds or replaces the trunk of {@code tenantId}/{@code trunkId}; null removes it. */
  public void applyTrunk(String tenantId, String trunkId, Trunk trunk) {
    if (trunk == null) {
      trunks.remove(key(tenantId, trunkId));
    } else {
      trunks.put(key(tenantId, trunkId), trunk);
    }
  }

  /** Adds or replaces the route of {@code tenantId}/{@code number}; null removes it. */
  public void applyNumber(String tenantId, String number, NumberRoute route) {
    if (route == null) {
      numbers.remove(key(tenantId, number));
    } else {
      numbers.put(key(tenantId, number), route);
    }
  }

  /**
   * The inbound trunk trusting {@code address}, enabled or not; the admin API keeps an address to one
   * tenant, and among one tenant's trunks the longest prefix wins.
   */
  public Optional<Trunk> trusting(InetAddress address) {
    Trunk best = null;
    int bestPrefix = -1;
    for (Trunk trunk : trunks.values()) {
      if (!trunk.inbound()) {
        continue;
      }
      for (Cidr cidr : trunk.sources()) {
        if (cidr.prefix() > bestPrefix && cidr.contains(address)) {
          best = trunk;
          bestPrefix = cidr.prefix();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The inbound trunks with digest trust in {@code realm}. */
  public List<Trunk> digestTrunks(String realm) {
    if (realm == null) {
      return List.of();
    }
    return trunks.values().stream()
        .filter(trunk -> trunk.inbound() && trunk.digestTrusted() && trunk.digestRealm().equalsIgnoreCase(realm))
        .toList();
  }

  public Optional<NumberRoute> number(String tenantId, String number) {
    return Optional.ofNullable(numbers.get(key(tenantId, number)));
  }

  /** The first enabled trunk of the tenant with an outbound target, by trunk id. */
  public Optional<OutboundTrunk> outbound(String tenantId) {
    return trunks.values().stream()
        .filter(trunk -> trunk.tenantId().equals(tenantId) && trunk.enabled() && trunk.outbound() != null)
        .sorted(java.util.Comparator.comparing(Trunk::trunkId))
        .map(Trunk::outbound)
        .findFirst();
  }

  public Collection<Trunk> trunks() {
    return trunks.values();
  }

  private static String key(String tenantId, String id) {
    return tenantId + "/" + id;
  }
}
