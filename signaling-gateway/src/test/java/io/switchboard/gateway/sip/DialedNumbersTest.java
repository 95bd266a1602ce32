package io.switchboard.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The same reductions as the media bridge's, which looks numbers up by these keys. */
class DialedNumbersTest {

  @Test
  void separatorsAndALeadingPlusAreDropped() {
    assertThat(DialedNumbers.normalize("+49 (30) 123-456")).isEqualTo("4930123456");
    assertThat(DialedNumbers.normalize("030.123.456")).isEqualTo("030123456");
    assertThat(DialedNumbers.normalize("200")).isEqualTo("200");
  }

  @Test
  void whatIsNotTwoToTwentyDigitsIsNoNumber() {
    assertThat(DialedNumbers.normalize("support")).isNull();
    assertThat(DialedNumbers.normalize("1")).isNull();
    assertThat(DialedNumbers.normalize("+")).isNull();
    assertThat(DialedNumbers.normalize("123456789012345678901")).isNull();
    assertThat(DialedNumbers.normalize("49*30")).isNull();
    assertThat(DialedNumbers.normalize(null)).isNull();
  }
}
