package io.switchboard.gateway.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.IceCandidate;
import io.switchboard.schemas.avro.SdpAnswer;
import io.switchboard.schemas.avro.SdpOffer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalPayloadsTest {

  private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

  private static SignalRequest sdp(String sdp) {
    return new SignalRequest(sdp, null, null, null, null);
  }

  private static SignalRequest candidate(String candidate, String mid, Integer index) {
    return new SignalRequest(null, candidate, mid, index, null);
  }

  @Test
  void offersAndAnswersCarryTheirSdpAsGiven() {
    assertThat(SignalPayloads.payload(SignalKind.OFFER, sdp(SDP))).isEqualTo(new SdpOffer(SDP));
    assertThat(SignalPayloads.payload(SignalKind.ANSWER, sdp(SDP))).isEqualTo(new SdpAnswer(SDP));
  }

  @Test
  void aCandidateKeepsItsMidAndIndexAndAnEmptyOneEndsTheCandidates() {
    String line = "candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host";
    assertThat(SignalPayloads.payload(SignalKind.ICE_CANDIDATE, candidate(line, "0", 0)))
        .isEqualTo(new IceCandidate(line, "0", 0));
    assertThat(SignalPayloads.payload(SignalKind.ICE_CANDIDATE, candidate("", null, null)))
        .isEqualTo(new IceCandidate("", null, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "o=- 1 2 IN IP4 127.0.0.1", "hello"})
  void anSdpThatIsNoSessionDescriptionIsABadRequest(String bad) {
    assertThatThrownBy(() -> SignalPayloads.payload(SignalKind.OFFER, sdp(bad)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
  }

  @Test
  void anSdpOverTheLimitIsABadRequestThatSaysTheLimit() {
    String big = "v=0\r\n" + "a".repeat(SignalPayloads.MAX_SDP);
    assertThatThrownBy(() -> SignalPayloads.payload(SignalKind.ANSWER, sdp(big)))
        .isInstanceOf(ApiException.class).hasMessageContaining(String.valueOf(SignalPayloads.MAX_SDP));
    assertThat(SignalPayloads.payload(SignalKind.ANSWER, sdp(big.substring(0, SignalPayloads.MAX_SDP))))
        .isInstanceOf(SdpAnswer.class);
  }

  @Test
  void badCandidatesAreBadRequests() {
    assertThatThrownBy(() -> SignalPayloads.payload(SignalKind.ICE_CANDIDATE, candidate(null, null, null)))
        .isInstanceOf(ApiException.class).hasMessageContaining("needs a candidate");
    assertThatThrownBy(() -> SignalPayloads.payload(SignalKind.ICE_CANDIDATE, candidate("typ host", null, null)))
        .isInstanceOf(ApiException.class).hasMessageContaining("candidate:");
    assertThatThrownBy(() -> SignalPayloads.payload(SignalKind.ICE_CANDIDATE,
        candidate("candidate:" + "x".repeat(SignalPayloads.MAX_CANDIDATE), null, null)))
        .isInstanceOf(ApiException.class).hasMessageContaining("too large");
    assertThatThrownBy(() -> SignalPayloads.payload(SignalKind.ICE_CANDIDATE, candidate("candidate:1", null, -1)))
        .isInstanceOf(ApiException.class).hasMessageContaining("sdpMLineIndex");
    assertThatThrownBy(() -> SignalPayloads.payload(SignalKind.ICE_CANDIDATE,
        candidate("candidate:1", "m".repeat(65), 0))).isInstanceOf(ApiException.class).hasMessageContaining("sdpMid");
    assertThatThrownBy(() -> SignalPayloads.payload(SignalKind.OFFER, null))
        .isInstanceOf(ApiException.class).hasMessageContaining("needs a body");
  }

  @Test
  void theClientsEventIdIsKeptAndAMissingOneIsMade() {
    UUID id = UUID.randomUUID();
    assertThat(SignalPayloads.eventId(new SignalRequest(SDP, null, null, null, id.toString()))).isEqualTo(id);
    assertThat(SignalPayloads.eventId(sdp(SDP))).isNotNull().isNotEqualTo(SignalPayloads.eventId(sdp(SDP)));
    for (String bad : new String[] {"not-a-uuid", "1-2-3-4-5", ""}) {
      assertThatThrownBy(() -> SignalPayloads.eventId(new SignalRequest(SDP, null, null, null, bad)))
          .as(bad).isInstanceOf(ApiException.class).hasMessageContaining("eventId");
    }
  }

  @Test
  void endpointsNameTheSideAndWhoIsOnIt() {
    assertThat(Endpoints.parse(Endpoints.agent("a1"))).contains(new Endpoints.Endpoint(true, "a1"));
    assertThat(Endpoints.parse(Endpoints.customer("c:1"))).contains(new Endpoints.Endpoint(false, "c:1"));
    assertThat(Endpoints.parse("agent:")).isEmpty();
    assertThat(Endpoints.parse("bridge:leg-1")).isEmpty();
    assertThat(Endpoints.parse(null)).isEmpty();
  }
}
