package io.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipInfoDtmfTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/dtmf-relay|Signal=5\\r\\nDuration=160\\r\\n|5|160",
      "application/dtmf-relay|signal= #\\nduration=250|#|250",
      "Application/DTMF-Relay; charset=utf-8|Signal=10|*|0",
      "application/dtmf-relay|Signal=11\\r\\nDuration=100|#|100",
      "application/dtmf-relay|Duration=100\\r\\nSignal=d|D|100",
      "application/dtmf|7|7|0"})
  void aKeyPressIsRead(String type, String body, char key, int duration) {
    assertThat(SipInfoDtmf.read(type, body.replace("\\r", "\r").replace("\\n", "\n")))
        .contains(new Digit(key, duration, Digit.Source.SIP_INFO));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/dtmf-relay|Duration=160",
      "application/dtmf-relay|Signal=55",
      "application/dtmf-relay|Signal=5\\nSignal=6",
      "application/dtmf-relay|Signal=5\\nDuration=-1",
      "application/dtmf-relay|hello",
      "application/dtmf|12",
      "application/sdp|Signal=5",
      "text/plain|5"})
  void anythingElseIsNone(String type, String body) {
    assertThat(SipInfoDtmf.read(type, body.replace("\\n", "\n"))).isEmpty();
  }
}
