package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RangeCheckTest {

  private static final int[] LINUX_DEFAULT = {32768, 60999};

  @Test
  void aRangeWithinTheLimitsBelowTheEphemeralPortsIsQuiet() {
    assertThat(RangeCheck.warnings(20000, 29999, 5000, OptionalLong.of(65536), LINUX_DEFAULT)).isEmpty();
    assertThat(RangeCheck.warnings(20000, 29999, 5000, OptionalLong.empty(), null)).isEmpty();
  }

  @Test
  void moreSocketsThanTheOpenFileLimitIsNamedWithBothFigures() {
    assertThat(RangeCheck.warnings(20000, 29999, 5000, OptionalLong.of(8192), LINUX_DEFAULT))
        .singleElement().asString()
        .contains("5000 port pairs are 10000 sockets").contains("open-file limit of 8192").contains("ulimit -n");
    assertThat(RangeCheck.warnings(20000, 29999, 5000, OptionalLong.of(10000), LINUX_DEFAULT))
        .as("exactly at the limit").isEmpty();
  }

  @Test
  void theOverlapWithTheEphemeralPortsIsNamed() {
    assertThat(RangeCheck.warnings(20000, 43199, 11600, OptionalLong.of(1_000_000), LINUX_DEFAULT))
        .singleElement().asString()
        .contains("Ports 32768-43199").contains("ip_local_port_range 32768 60999").contains("below 32768");
    assertThat(RangeCheck.warnings(32768, 32768, 0, OptionalLong.empty(), LINUX_DEFAULT)).hasSize(1);
    assertThat(RangeCheck.warnings(20000, 32767, 6384, OptionalLong.empty(), LINUX_DEFAULT)).isEmpty();
  }
}
