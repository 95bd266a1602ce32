package io.switchboard.media.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialedNumbersTest {

  @Test
  void plusAndVisualSeparatorsAreStripped() {
    assertThat(DialedNumbers.normalize("+49 (30) 123-45.6")).isEqualTo("4930123456");
    assertThat(DialedNumbers.normalize("4930123456")).isEqualTo("4930123456");
  }

  @Test
  void whatIsNoNumberIsNull() {
    assertThat(DialedNumbers.normalize("support")).isNull();
    assertThat(DialedNumbers.normalize("+")).isNull();
    assertThat(DialedNumbers.normalize(null)).isNull();
    assertThat(DialedNumbers.normalize("1".repeat(21))).isNull();
  }
}
