package io.switchboard.media.sip.registrar;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One agent's SIP credential as the registrar keeps it: never a password, only the HA1 digests.
 *
 * @param tenantId the agent's tenant
 * @param realm the SIP domain of the tenant, the realm of the HA1s and the host of the agent's AOR
 * @param username the digest username, the user part of the agent's AOR
 * @param agentId the agent the phone registers for
 * @param ha1 HA1 = H(username:realm:password) per algorithm; at least one
 * @param profile the phone agent's profile, published in its {@code AgentRegistered}
 */
public record SipCredential(
    String tenantId, String realm, String username, String agentId, Map<DigestAlgorithm, String> ha1,
    AgentProfile profile) {

  public SipCredential {
    realm = realm.toLowerCase(Locale.ROOT);
    if (ha1.isEmpty()) {
      throw new IllegalArgumentException("A SIP credential needs at least one HA1");
    }
    ha1 = Map.copyOf(new EnumMap<>(ha1));
    profile = profile == null ? AgentProfile.NONE : profile;
  }

  /** A credential with no profile: the schema's defaults. */
  public SipCredential(String tenantId, String realm, String username, String agentId, Map<DigestAlgorithm, String> ha1) {
    this(tenantId, realm, username, agentId, ha1, AgentProfile.NONE);
  }

  /** The credential computed from a password, for tests and tools; the password is not kept. */
  public static SipCredential fromPassword(
      String tenantId, String realm, String username, String agentId, String password) {
    Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
    String lowerRealm = realm.toLowerCase(Locale.ROOT);
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      ha1.put(algorithm, algorithm.ha1(username, lowerRealm, password));
    }
    return new SipCredential(tenantId, lowerRealm, username, agentId, ha1);
  }
}
