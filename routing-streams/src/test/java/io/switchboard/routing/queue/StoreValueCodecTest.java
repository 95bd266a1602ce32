package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StoreValueCodecTest {

  @Test
  void agentStateSurvivesTheRoundTrip() {
    AgentState agent = new AgentState("a1", List.of("sales", "support"), 2, true, 1_700_000_000_123L,
        List.of("c1"), List.of("c2"));
    AgentStateCodec codec = new AgentStateCodec();

    assertThat(codec.decode(codec.encode(agent))).isEqualTo(agent);
  }

  @Test
  void routedCallSurvivesTheRoundTripWithNullFields() {
    RoutedCall call = RoutedCall.created("c1", null, Map.of("vip", "true"), List.of("urgent"))
        .waiting("sales", 175, 42L)
        .offered("a1", "r-1", 15_042L);
    RoutedCall unknownDirection = RoutedCall.created("c2", null, Map.of(), List.of());
    RoutedCallCodec codec = new RoutedCallCodec();

    assertThat(codec.decode(codec.encode(call))).isEqualTo(call);
    assertThat(codec.decode(codec.encode(unknownDirection))).isEqualTo(unknownDirection);
  }

  @Test
  void unknownFormatIsRefusedWithAClearMessage() {
    byte[] fromTheFuture = {9, 0, 0, 0};

    assertThatThrownBy(() -> new AgentStateCodec().decode(fromTheFuture))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown store value format 9");
  }
}
