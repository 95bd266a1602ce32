package io.switchboard.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionDescriptionTest {

  /** A phone's offer (after RFC 4317 §2.1.1): PCMU, PCMA, G.729 and telephone-event, session-level c=. */
  static final String PHONE_OFFER = """
      v=0\r
      o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com\r
      s=-\r
      c=IN IP4 192.0.2.10\r
      t=0 0\r
      m=audio 49170 RTP/AVP 0 8 18 101\r
      a=rtpmap:101 telephone-event/8000\r
      a=fmtp:101 0-15\r
      a=ptime:20\r
      a=rtcp:49171\r
      a=sendrecv\r
      """;

  @Test
  void readsWhatTheBridgeUsesOfAPhonesOffer() throws SdpException {
    SessionDescription sdp = SessionDescription.parse(PHONE_OFFER);

    assertThat(sdp.origin().username()).isEqualTo("alice");
    assertThat(sdp.origin().version()).isEqualTo(2890844526L);
    assertThat(sdp.connectionAddress()).isEqualTo("192.0.2.10");
    MediaDescription audio = sdp.audio().orElseThrow();
    assertThat(audio.port()).isEqualTo(49170);
    assertThat(audio.protocol()).isEqualTo("RTP/AVP");
    assertThat(audio.codecs()).extracting(Codec::name).containsExactly("PCMU", "PCMA", "G729", "telephone-event");
    assertThat(audio.codec("telephone-event").orElseThrow()).isEqualTo(new Codec(101, "telephone-event", 8000, 1, "0-15"));
    assertThat(audio.ptime()).isEqualTo(20);
    assertThat(audio.attributes()).containsExactly("rtcp:49171");
    assertThat(sdp.directionOf(audio)).isEqualTo(Direction.SENDRECV);
    assertThat(sdp.addressOf(audio)).isEqualTo("192.0.2.10");
  }

  @Test
  void writesTheCanonicalFormThatReadsBackTheSame() throws SdpException {
    SessionDescription sdp = SessionDescription.parse(PHONE_OFFER.replace("\r\n", "\n"));
    String written = sdp.toString();

    assertThat(written).startsWith("v=0\r\no=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com\r\ns=-\r\n"
        + "c=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 18 101\r\na=rtpmap:0 PCMU/8000\r\n");
    assertThat(written).contains("a=fmtp:101 0-15\r\n").endsWith("a=ptime:20\r\na=rtcp:49171\r\na=sendrecv\r\n");
    assertThat(SessionDescription.parse(written)).isEqualTo(sdp);
  }

  @Test
  void aBrowsersOfferKeepsItsOwnAttributesAndMediaLevelAddresses() throws SdpException {
    SessionDescription sdp = SessionDescription.parse("""
        v=0
        o=- 4611731400430051336 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1
        m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126
        c=IN IP4 0.0.0.0
        a=mid:0
        a=rtpmap:111 opus/48000/2
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:126 telephone-event/8000
        a=sendrecv
        m=video 9 UDP/TLS/RTP/SAVPF 96
        c=IN IP4 0.0.0.0
        a=rtpmap:96 VP8/90000
        a=recvonly
        """);

    assertThat(sdp.connectionAddress()).isNull();
    assertThat(sdp.media()).hasSize(2);
    MediaDescription audio = sdp.media().get(0);
    assertThat(audio.codecs().get(0)).isEqualTo(new Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1"));
    assertThat(audio.attributes()).containsExactly("mid:0");
    assertThat(sdp.media().get(1).direction()).isEqualTo(Direction.RECVONLY);
    // 0.0.0.0 with sendrecv is the old way of holding (RFC 3264 §8.4).
    assertThat(sdp.directionOf(audio)).isEqualTo(Direction.SENDONLY);
  }

  @Test
  void theSessionsDirectionAppliesWhereASectionHasNone() throws SdpException {
    SessionDescription sdp = SessionDescription.parse(PHONE_OFFER.replace("a=sendrecv\r\n", "")
        .replace("t=0 0\r\n", "t=0 0\r\na=inactive\r\n"));
    assertThat(sdp.directionOf(sdp.audio().orElseThrow())).isEqualTo(Direction.INACTIVE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "o=x 1 1 IN IP4 h|starts with v=0",
      "v=1|starts with v=0",
      "v=0|no o= line",
      "v=0\\no=x 1 one IN IP4 h|session version one is not a number",
      "v=0\\no=x 1 1 IN IP4|o= needs 6 fields",
      "v=0\\no=x 1 1 IN IP4 h\\nm=audio 5000 RTP/AVP 0|no c= line",
      "v=0\\no=x 1 1 IN IP4 h\\nc=IN IP4 h\\nm=audio 70000 RTP/AVP 0|port 70000 is above 65535",
      "v=0\\no=x 1 1 IN IP4 h\\nc=IN IP4 h\\nm=audio 5000 RTP/AVP zero|payload type zero is not a number",
      "v=0\\no=x 1 1 IN IP4 h\\nc=IN IP4 h\\nm=audio 5000 RTP/AVP 200|payload type 200 is above 127",
      "v=0\\no=x 1 1 IN IP4 h\\nc=IN IP4 h\\nm=audio 5000|m= needs",
      "v=0\\no=x 1 1 IN IP4 h\\nc=IN IPX h|address type IPX is not IP4 or IP6",
      "v=0\\no=x 1 1 IN IP4 h\\nc=IN IP4 h\\nm=audio 5000 RTP/AVP 96\\na=rtpmap:96 opus|a=rtpmap needs <encoding>/<clock rate>",
      "v=0\\no=x 1 1 IN IP4 h\\nc=IN IP4 h\\nm=audio 5000 RTP/AVP 0\\na=ptime:-5|ptime -5 is not a number",
      "v=0\\no=x 1 1 IN IP4 h\\n\\ns=-|Line 3 of the SDP is empty",
      "v=0\\nbogus|Line 2 of the SDP is not <type>=<value>",
      "''|empty"})
  void aBadBodyIsRefusedWithTheReason(String body, String reason) {
    assertThatThrownBy(() -> SessionDescription.parse(body.replace("\\n", "\n")))
        .isInstanceOf(SdpException.class).hasMessageContaining(reason);
  }

  @Test
  void aBodyTooLargeOrWithTooManySectionsIsRefused() {
    assertThatThrownBy(() -> SessionDescription.parse("v=0\n" + "a=x\n".repeat(5000)))
        .isInstanceOf(SdpException.class).hasMessageContaining("more than 16384");
    String many = "v=0\no=x 1 1 IN IP4 h\nc=IN IP4 h\n" + "m=audio 5000 RTP/AVP 0\n".repeat(17);
    assertThatThrownBy(() -> SessionDescription.parse(many))
        .isInstanceOf(SdpException.class).hasMessageContaining("more than 16 media sections");
  }

  @Test
  void aHoldAnswerMirrorsTheOffer() {
    assertThat(Direction.SENDONLY.answer()).isEqualTo(Direction.RECVONLY);
    assertThat(Direction.RECVONLY.answer()).isEqualTo(Direction.SENDONLY);
    assertThat(Direction.INACTIVE.answer()).isEqualTo(Direction.INACTIVE);
    assertThat(Direction.SENDRECV.answer()).isEqualTo(Direction.SENDRECV);
    assertThat(Direction.SENDONLY.holds()).isTrue();
    assertThat(Direction.INACTIVE.holds()).isTrue();
    assertThat(Direction.RECVONLY.holds()).isFalse();
  }
}
