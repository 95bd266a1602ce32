package io.switchboard.media.sip.trunk;

/**
 * Where a tenant's calls out go.
 *
 * @param transport {@code udp} or {@code tcp}
 * @param username the provider's digest username, null when it asks for none
 * @param password the provider's digest password as given, null when it asks for none
 */
public record OutboundTrunk(String tenantId, String trunkId, String host, int port, String transport,
    String username, String password) {

  @Override
  public String toString() {
    return "OutboundTrunk[" + tenantId + "/" + trunkId + " " + transport + ":" + host + ":" + port + "]";
  }
}
