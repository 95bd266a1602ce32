package io.switchboard.routing.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaddingTest {

  @Test
  void padsLikeStringFormat() {
    for (long value : new long[] {0, 7, 1_763_798_400_000L, Long.MAX_VALUE}) {
      assertThat(Padding.decimal19(value)).isEqualTo(String.format("%019d", value));
    }
    assertThat(Padding.decimal19(-5)).isEqualTo("0000000000000000000");
  }
}
