package io.switchboard.callstate.projection;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The agents' rows as the last committed batch left them, so that a batch with status changes of
 * agents seen before does not read their rows back. Only rows this writer committed are held; a
 * failed batch or a restart of the loop clears it ({@link BatchWriter#forget}). Agents are few
 * next to calls, but the map is bounded all the same: past {@link #MAX_AGENTS} it starts again.
 * Batches are written one at a time; the lock only makes each change visible to the next batch,
 * whatever thread writes it.
 */
final class AgentRowCache {

  static final int MAX_AGENTS = 100_000;

  private final Map<AgentKey, AgentRow> rows = new HashMap<>();

  /** The rows held of these agents; those not held are missing from the result. */
  synchronized Map<AgentKey, AgentRow> get(Collection<AgentKey> keys) {
    Map<AgentKey, AgentRow> held = new HashMap<>();
    for (AgentKey key : keys) {
      AgentRow row = rows.get(key);
      if (row != null) {
        held.put(key, row);
      }
    }
    return held;
  }

  /** Holds the rows a batch has just committed. */
  synchronized void committed(Map<AgentKey, AgentRow> written) {
    if (rows.size() + written.size() > MAX_AGENTS) {
      rows.clear();
    }
    rows.putAll(written);
  }

  synchronized void clear() {
    rows.clear();
  }
}
