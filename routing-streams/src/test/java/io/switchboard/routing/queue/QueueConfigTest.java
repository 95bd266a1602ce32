package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallDirection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.internals.DefaultStreamPartitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queue definitions from the compacted queue.config topic, and the defaults of a queue without one. */
class QueueConfigTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void configuredQueueUsesItsBaseAndDeletedQueueFallsBackToTheDefaults() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setPriorityBase(500));

    routing.call(TENANT, "configured", "sales", CallDirection.INBOUND, Map.of("vip", "true"));
    routing.deleteQueue(TENANT, "sales");
    routing.call(TENANT, "deleted", "sales", CallDirection.INBOUND, Map.of("vip", "true"));

    assertThat(Summaries.of(routing.decisions()))
        .containsExactly("queued configured at 1 priority 575", "queued deleted at 2 priority 175");
  }

  @Test
  void queueWithoutConfigurationUsesEngineDefaults() {
    routing.agent(TENANT, "a1", 1, "support").available(TENANT, "a1");

    routing.call(TENANT, "c1", "support", CallDirection.INBOUND, Map.of(), "urgent");

    var decisions = routing.decisions();
    assertThat(Summaries.of(decisions)).containsExactly("queued c1 at 1 priority 200", "offered c1 to a1");
    assertThat(decisions.get(0).getReason()).contains("base 100", "inbound +25", "tag urgent +75");
    assertThat(decisions.get(1).getReason()).contains("strategy LONGEST_IDLE");
  }

  @Test
  void configurationOfOneTenantNeverAppliesToAnother() {
    routing.configure(RoutingScenario.queue("globex", "sales").setPriorityBase(900));

    routing.call(TENANT, "c1", "sales");

    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c1 at 1 priority 100");
  }

  @Test
  void recordWhoseKeyDoesNotMatchItsValueIsIgnored() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setPriorityBase(300));
    var wrong = RoutingScenario.queue(TENANT, "support").setPriorityBase(700).build();

    routing.pipeQueueConfig(TENANT + "/sales", wrong);
    routing.call(TENANT, "c1", "sales");

    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c1 at 1 priority 300");
  }

  @Test
  void queueConfigIsPartitionedWithItsTenantsCallsAndAgents() {
    DefaultStreamPartitioner<String, Object> byTenant = new DefaultStreamPartitioner<>(Serdes.String().serializer());
    TenantPartitioner<Object> byTenantOfKey = new TenantPartitioner<>();

    for (String tenant : new String[] {"acme", "globex", "default", "t-42", "Ünïcode"}) {
      for (int partitions : new int[] {1, 6, 7, 32}) {
        Optional<Set<Integer>> expected = byTenant.partitions("t", tenant, null, partitions);
        assertThat(byTenantOfKey.partitions("t", tenant + "/sales", null, partitions)).isEqualTo(expected);
        assertThat(byTenantOfKey.partitions("t", tenant + "/a/b", null, partitions)).isEqualTo(expected);
      }
    }
  }
}
