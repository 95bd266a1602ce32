package io.switchboard.media.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.time.Duration;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class SessionTimerTest {

  private static final MessageFactoryImpl MESSAGES = new MessageFactoryImpl();

  @Test
  void aCallerWithoutTimerSupportGetsNone() throws Exception {
    assertThat(SessionTimer.fromRequest(invite(""), 1800, 90)).isNull();
    assertThat(SessionTimer.fromRequest(invite("Session-Expires: 600\r\n"), 1800, 90)).isNull();
  }

  @Test
  void theCallersIntervalIsCappedAtTheBridgesAndItRefreshesUnlessItNamesTheBridge() throws Exception {
    assertThat(SessionTimer.fromRequest(invite("Supported: timer\r\n"), 1800, 90))
        .isEqualTo(new SessionTimer(1800, false));
    assertThat(SessionTimer.fromRequest(invite("Supported: 100rel, timer\r\nSession-Expires: 600\r\n"), 1800, 90))
        .isEqualTo(new SessionTimer(600, false));
    assertThat(SessionTimer.fromRequest(invite("Supported: timer\r\nSession-Expires: 7200;refresher=uas\r\n"), 1800, 90))
        .isEqualTo(new SessionTimer(1800, true));
    assertThat(SessionTimer.fromRequest(invite("Supported: timer\r\nSession-Expires: 120\r\nMin-SE: 300\r\n"), 1800, 90))
        .as("never below the caller's own Min-SE").isEqualTo(new SessionTimer(300, false));
  }

  @Test
  void belowTheMinimumIs422() {
    assertThatThrownBy(() -> SessionTimer.fromRequest(invite("Supported: timer\r\nSession-Expires: 60\r\n"), 1800, 90))
        .isInstanceOfSatisfying(SessionTimer.TooSmall.class, e -> assertThat(e.minimum).isEqualTo(90));
  }

  @Test
  void theAgentsAnswerSaysWhoRefreshes() throws Exception {
    assertThat(SessionTimer.fromAnswer(ok(""))).isNull();
    assertThat(SessionTimer.fromAnswer(ok("Session-Expires: 900;refresher=uac\r\n"))).isEqualTo(new SessionTimer(900, true));
    assertThat(SessionTimer.fromAnswer(ok("Session-Expires: 900;refresher=uas\r\n"))).isEqualTo(new SessionTimer(900, false));
  }

  @Test
  void refreshesAtHalfTheIntervalAndExpiresBeforeItsEnd() {
    assertThat(new SessionTimer(1800, true).refreshAfter()).isEqualTo(Duration.ofSeconds(900));
    assertThat(new SessionTimer(1800, false).expiry()).isEqualTo(Duration.ofSeconds(1768));
    assertThat(new SessionTimer(90, false).expiry()).isEqualTo(Duration.ofSeconds(60));
  }

  private static Request invite(String headers) throws Exception {
    return MESSAGES.createRequest("INVITE sip:support@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n"
        + "From: <sip:caller@127.0.0.1>;tag=1\r\nTo: <sip:support@127.0.0.1>\r\nCall-ID: st-1\r\n"
        + "CSeq: 1 INVITE\r\n" + headers + "Content-Length: 0\r\n\r\n");
  }

  private static Response ok(String headers) throws Exception {
    return MESSAGES.createResponse("SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bK-1\r\n"
        + "From: <sip:caller@127.0.0.1>;tag=1\r\nTo: <sip:agent@127.0.0.1>;tag=2\r\nCall-ID: st-1\r\n"
        + "CSeq: 1 INVITE\r\n" + headers + "Content-Length: 0\r\n\r\n");
  }
}
