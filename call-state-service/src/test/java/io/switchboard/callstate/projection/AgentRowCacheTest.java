package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentRowCacheTest {

  private final AgentRowCache cache = new AgentRowCache();

  @Test
  void holdsWhatCommittedAndReturnsOnlyTheAgentsHeld() {
    AgentKey alice = new AgentKey("t1", "alice");
    AgentKey bob = new AgentKey("t1", "bob");
    cache.committed(Map.of(alice, AgentRow.unknown(alice)));

    assertThat(cache.get(List.of(alice, bob))).containsOnlyKeys(alice);
    cache.clear();
    assertThat(cache.get(List.of(alice))).isEmpty();
  }

  @Test
  void startsAgainPastItsBound() {
    Map<AgentKey, AgentRow> many = new HashMap<>();
    for (int i = 0; i < AgentRowCache.MAX_AGENTS; i++) {
      AgentKey key = new AgentKey("t1", "agent-" + i);
      many.put(key, AgentRow.unknown(key));
    }
    cache.committed(many);
    AgentKey late = new AgentKey("t2", "late");

    cache.committed(Map.of(late, AgentRow.unknown(late)));

    assertThat(cache.get(List.of(late, new AgentKey("t1", "agent-0")))).containsOnlyKeys(late);
  }
}
