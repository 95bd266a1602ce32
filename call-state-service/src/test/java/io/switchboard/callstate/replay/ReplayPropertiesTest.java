package io.switchboard.callstate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayPropertiesTest {

  @Test
  void theRebuildAndRetiredSchemasMustDiffer() {
    assertThatThrownBy(() -> properties("callstate_x", "callstate_x", Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
  }

  @Test
  void durationsMustBePositive() {
    assertThatThrownBy(() -> properties("callstate_rebuild", "callstate_retired", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lock-timeout");
  }

  @Test
  void schemaNamesAreLowerCaseIdentifiers() {
    assertThat("callstate_rebuild").matches(ReplayProperties.SCHEMA_NAME);
    assertThat("Call-State").doesNotMatch(ReplayProperties.SCHEMA_NAME);
    assertThat("x; DROP TABLE calls").doesNotMatch(ReplayProperties.SCHEMA_NAME);
  }

  private static ReplayProperties properties(String rebuild, String retired, Duration lockTimeout) {
    return new ReplayProperties(rebuild, retired, 1000, Duration.ofSeconds(60), lockTimeout, Duration.ofSeconds(1),
        Duration.ofSeconds(10));
  }
}
