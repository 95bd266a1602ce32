package io.switchboard.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OfferAnswerTest {

  private static final SessionDescription.Origin BRIDGE =
      new SessionDescription.Origin("switchboard", "42", 1, "IP4", "198.51.100.1");
  private static final OfferAnswer.Local LOCAL = new OfferAnswer.Local("198.51.100.1", 20000);

  private static SessionDescription phone(String payloadTypes, String extra) throws SdpException {
    return SessionDescription.parse("v=0\r\no=phone 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
        + "m=audio 49170 RTP/AVP " + payloadTypes + "\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"
        + "a=rtpmap:96 opus/48000/2\r\n" + extra);
  }

  @Test
  void theAnswerTakesTheOffersFirstRelayedCodecWithItsTelephoneEvents() throws SdpException {
    OfferAnswer.Negotiated answer = OfferAnswer.answer(phone("18 8 0 101", ""), BRIDGE, LOCAL, false);

    assertThat(answer.audio().name()).isEqualTo("PCMA");
    assertThat(answer.telephoneEvent()).isEqualTo(new Codec(101, "telephone-event", 8000, 1, "0-15"));
    assertThat(answer.direction()).isEqualTo(Direction.SENDRECV);
    assertThat(answer.remoteAddress()).isEqualTo("192.0.2.10");
    assertThat(answer.remotePort()).isEqualTo(49170);
    assertThat(answer.description().toString()).isEqualTo("v=0\r\no=switchboard 42 1 IN IP4 198.51.100.1\r\n"
        + "s=Switchboard\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\nm=audio 20000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n");
  }

  @Test
  void opusIsAnsweredOnlyWhenTheOtherLegHasItToo() throws SdpException {
    SessionDescription offer = phone("96 0 101", "");
    assertThat(OfferAnswer.answer(offer, BRIDGE, LOCAL, false).audio().name()).isEqualTo("PCMU");
    OfferAnswer.Negotiated withOpus = OfferAnswer.answer(offer, BRIDGE, LOCAL, true);
    assertThat(withOpus.audio()).isEqualTo(new Codec(96, "opus", 48000, 2, null));
    // telephone-event/8000 does not go with Opus at 48 kHz (RFC 4733 §2.1).
    assertThat(withOpus.telephoneEvent()).isNull();
  }

  @Test
  void aHoldIsAnsweredWithItsMirrorNeverWithSendrecv() throws SdpException {
    for (Direction offered : Direction.values()) {
      OfferAnswer.Negotiated answer = OfferAnswer.answer(phone("0 101", "a=" + offered.attribute() + "\r\n"),
          BRIDGE, LOCAL, false);
      assertThat(answer.direction()).isEqualTo(offered.answer());
      assertThat(answer.description().toString()).contains("a=" + offered.answer().attribute() + "\r\n");
    }
    assertThat(OfferAnswer.answer(phone("0", "a=sendonly\r\n"), BRIDGE, LOCAL, false).heldByRemote()).isTrue();
    // The hold of RFC 2543: c=0.0.0.0.
    SessionDescription old = SessionDescription.parse(phone("0", "").toString().replace("c=IN IP4 192.0.2.10",
        "c=IN IP4 0.0.0.0"));
    assertThat(OfferAnswer.answer(old, BRIDGE, LOCAL, false).direction()).isEqualTo(Direction.RECVONLY);
  }

  @Test
  void otherMediaAreRefusedWithPortZeroInTheirPlace() throws SdpException {
    SessionDescription offer = SessionDescription.parse("v=0\r\no=p 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.10\r\n"
        + "t=0 0\r\nm=video 5002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\nm=audio 5000 RTP/AVP 0\r\n");

    OfferAnswer.Negotiated answer = OfferAnswer.answer(offer, BRIDGE, LOCAL, false);

    assertThat(answer.description().media()).extracting(MediaDescription::type, MediaDescription::port)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("video", 0), org.assertj.core.groups.Tuple.tuple("audio", 20000));
    assertThat(answer.description().toString()).contains("m=video 0 RTP/AVP 0\r\nm=audio 20000 RTP/AVP 0\r\n");
    assertThat(answer.remotePort()).isEqualTo(5000);
  }

  @Test
  void nothingInCommonIsA488NamingWhatWasOffered() throws SdpException {
    assertThatThrownBy(() -> OfferAnswer.answer(phone("18 101", ""), BRIDGE, LOCAL, false))
        .isInstanceOf(SdpException.NoCommonCodec.class)
        .hasMessage("No audio codec in common: the offer has audio RTP/AVP [G729, telephone-event]; the bridge "
            + "relays PCMU and PCMA over RTP/AVP");
    // Secure RTP on a SIP leg is not relayed either.
    SessionDescription srtp = SessionDescription.parse("v=0\r\no=p 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 h\r\nt=0 0\r\n"
        + "m=audio 5000 RTP/SAVP 0\r\n");
    assertThatThrownBy(() -> OfferAnswer.answer(srtp, BRIDGE, LOCAL, true)).isInstanceOf(SdpException.NoCommonCodec.class);
  }

  @Test
  void theBridgesOfferAlwaysHasBothLawsAndTelephoneEventsAndOpusWhenAsked() {
    SessionDescription offer = OfferAnswer.offer(BRIDGE, LOCAL, OfferAnswer.audioCodecs(false), Direction.SENDRECV);
    assertThat(offer.toString()).contains("m=audio 20000 RTP/AVP 0 8 101\r\n")
        .contains("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n");
    SessionDescription held = OfferAnswer.offer(BRIDGE.next(), LOCAL, OfferAnswer.audioCodecs(true), Direction.SENDONLY);
    assertThat(held.toString()).contains("o=switchboard 42 2 IN IP4").contains("m=audio 20000 RTP/AVP 0 8 111 101\r\n")
        .contains("a=rtpmap:111 opus/48000/2\r\n").contains("a=sendonly\r\n");
  }

  @Test
  void anAnswerToTheBridgesOfferMustPickAnOfferedCodec() throws SdpException {
    List<Codec> offered = OfferAnswer.audioCodecs(false);
    OfferAnswer.Negotiated accepted = OfferAnswer.accept(SessionDescription.parse("v=0\r\no=a 1 1 IN IP4 h\r\ns=-\r\n"
        + "c=IN IP4 192.0.2.20\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\n"
        + "a=recvonly\r\n"), offered);
    assertThat(accepted.audio().name()).isEqualTo("PCMA");
    assertThat(accepted.telephoneEvent()).isNotNull();
    assertThat(accepted.remoteAddress()).isEqualTo("192.0.2.20");
    assertThat(accepted.remotePort()).isEqualTo(6000);
    // The agent answered recvonly: the bridge sends, it does not receive.
    assertThat(accepted.direction()).isEqualTo(Direction.SENDONLY);

    assertThatThrownBy(() -> OfferAnswer.accept(SessionDescription.parse("v=0\r\no=a 1 1 IN IP4 h\r\ns=-\r\n"
        + "c=IN IP4 h\r\nt=0 0\r\nm=audio 6000 RTP/AVP 18\r\n"), offered))
        .isInstanceOf(SdpException.NoCommonCodec.class).hasMessageContaining("picks [G729], none of the offered");
    assertThatThrownBy(() -> OfferAnswer.accept(SessionDescription.parse("v=0\r\no=a 1 1 IN IP4 h\r\ns=-\r\n"
        + "c=IN IP4 h\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n"), offered))
        .isInstanceOf(SdpException.NoCommonCodec.class).hasMessage("The answer refuses the audio");
  }
}
