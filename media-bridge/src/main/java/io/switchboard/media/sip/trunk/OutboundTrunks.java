package io.switchboard.media.sip.trunk;

import java.util.Optional;

/** The trunk a tenant's calls out go through. */
public final class OutboundTrunks {

  private final TrunkTable table;

  public OutboundTrunks(TrunkTable table) {
    this.table = table;
  }

  /** The tenant's enabled trunk with an outbound target (the first by trunk id when it has several). */
  public Optional<OutboundTrunk> forTenant(String tenantId) {
    return table.outbound(tenantId);
  }
}
