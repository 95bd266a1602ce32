package io.switchboard.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Offer/answer (RFC 3264) with the bridge's rules for its SIP legs (docs/sdp.md). The bridge relays
 * payload without transcoding, so both legs of a call must end on the same audio codec: it offers
 * PCMU, PCMA and telephone-event always and Opus only when told the other leg has it, answers with
 * the first audio codec of the offer it relays, and refuses every other media section (port 0).
 */
public final class OfferAnswer {

  /** The bridge's dynamic payload types in its own offers. */
  static final int OPUS_TYPE = 111;
  static final int TELEPHONE_EVENT_TYPE = 101;
  static final int PTIME = 20;
  private static final String PROTOCOL = "RTP/AVP";

  private OfferAnswer() {}

  /** Where the bridge receives a leg's RTP (RTCP on the next port up). */
  public record Local(String address, int port) {}

  /**
   * The outcome of a negotiation: the description to send (null when accepting an answer), the audio
   * codec the leg now uses, telephone-event if both sides have it (else null), the direction the leg
   * now has from the bridge's side, and where the other side receives (its address and port).
   */
  public record Negotiated(SessionDescription description, Codec audio, Codec telephoneEvent,
      Direction direction, String remoteAddress, int remotePort) {

    /** Whether the other side put the bridge on hold: it is to be sent nothing. */
    public boolean heldByRemote() {
      return direction == Direction.RECVONLY || direction == Direction.INACTIVE;
    }
  }

  /** The audio codecs the bridge offers: PCMU, PCMA, Opus when {@code opus}, telephone-event. */
  public static List<Codec> audioCodecs(boolean opus) {
    List<Codec> codecs = new ArrayList<>(List.of(Codec.ofStaticType(0), Codec.ofStaticType(8)));
    if (opus) {
      codecs.add(new Codec(OPUS_TYPE, Codec.OPUS, 48_000, 2, "minptime=10;useinbandfec=1"));
    }
    codecs.add(new Codec(TELEPHONE_EVENT_TYPE, Codec.TELEPHONE_EVENT, 8000, 1, "0-16"));
    return codecs;
  }

  /**
   * A new offer: one audio section with {@code codecs} (in that order) at {@code local}, in
   * {@code direction} (sendrecv, or sendonly/inactive for a hold).
   */
  public static SessionDescription offer(SessionDescription.Origin origin, Local local, List<Codec> codecs,
      Direction direction) {
    MediaDescription audio = new MediaDescription("audio", local.port(), PROTOCOL, codecs, null, direction, PTIME,
        List.of());
    return new SessionDescription(origin, "Switchboard", local.address(), null, List.of(audio));
  }

  /**
   * The bridge's answer to {@code offer}: its first audio section answered with the first of its codecs
   * that the bridge relays (PCMU, PCMA, and Opus when {@code opus}) and telephone-event if offered,
   * the payload types the offer gave them, the direction mirrored (sendonly → recvonly, inactive →
   * inactive, recvonly → sendonly); every other section refused with port 0.
   *
   * @throws SdpException.NoCommonCodec when no audio section has a codec the bridge relays (488)
   */
  public static Negotiated answer(SessionDescription offer, SessionDescription.Origin origin, Local local,
      boolean opus) throws SdpException.NoCommonCodec {
    MediaDescription chosen = null;
    Codec first = null;
    for (MediaDescription section : offer.media()) {
      if (chosen == null && section.isAudio() && section.port() != 0 && section.protocol().equals(PROTOCOL)) {
        first = firstRelayed(section.codecs(), opus).orElse(null);
        if (first != null) {
          chosen = section;
        }
      }
    }
    Codec audio = first;
    if (chosen == null) {
      throw new SdpException.NoCommonCodec("No audio codec in common: the offer has "
          + describe(offer) + "; the bridge relays " + (opus ? "PCMU, PCMA and opus" : "PCMU and PCMA")
          + " over " + PROTOCOL);
    }
    // telephone-event at the audio's clock rate (RFC 4733 §2.1): a browser offers it at 48000 for Opus, 8000 for G.711.
    Codec events = chosen.codecs().stream()
        .filter(codec -> codec.is(Codec.TELEPHONE_EVENT) && codec.clockRate() == audio.clockRate())
        .findFirst().orElse(null);
    Direction offered = offer.directionOf(chosen);
    Direction answered = offered.answer();
    List<MediaDescription> sections = new ArrayList<>();
    for (MediaDescription section : offer.media()) {
      if (section == chosen) {
        List<Codec> codecs = new ArrayList<>(List.of(audio));
        if (events != null) {
          codecs.add(events);
        }
        sections.add(new MediaDescription("audio", local.port(), PROTOCOL, codecs, null, answered,
            chosen.ptime() > 0 ? chosen.ptime() : PTIME, List.of()));
      } else {
        sections.add(new MediaDescription(section.type(), 0, section.protocol(), List.of(), null, null, 0,
            List.of()));
      }
    }
    SessionDescription answer = new SessionDescription(origin, "Switchboard", local.address(), null, sections);
    return new Negotiated(answer, audio, events, answered, offer.addressOf(chosen), chosen.port());
  }

  /**
   * The other side's answer to an offer the bridge made with {@code offered}: the codec it chose must
   * be one offered (RFC 3264 §6.1: an answer picks from the offer).
   *
   * @throws SdpException.NoCommonCodec when the answer refuses the audio or picks nothing offered
   */
  public static Negotiated accept(SessionDescription answer, List<Codec> offered)
      throws SdpException.NoCommonCodec {
    Optional<MediaDescription> audioSection = answer.media().stream().filter(MediaDescription::isAudio).findFirst();
    if (audioSection.isEmpty() || audioSection.get().port() == 0) {
      throw new SdpException.NoCommonCodec("The answer refuses the audio");
    }
    MediaDescription section = audioSection.get();
    Codec audio = null;
    for (Codec codec : section.codecs()) {
      if (!codec.is(Codec.TELEPHONE_EVENT) && offered.stream().anyMatch(mine -> same(mine, codec))) {
        audio = codec;
        break;
      }
    }
    if (audio == null) {
      throw new SdpException.NoCommonCodec("The answer picks " + names(section.codecs())
          + ", none of the offered " + names(offered));
    }
    Codec events = section.codec(Codec.TELEPHONE_EVENT)
        .filter(codec -> offered.stream().anyMatch(mine -> mine.is(Codec.TELEPHONE_EVENT))).orElse(null);
    return new Negotiated(null, audio, events, answer.directionOf(section).answer(), answer.addressOf(section),
        section.port());
  }

  private static Optional<Codec> firstRelayed(List<Codec> codecs, boolean opus) {
    return codecs.stream().filter(codec -> codec.is(Codec.PCMU) && codec.clockRate() == 8000
        || codec.is(Codec.PCMA) && codec.clockRate() == 8000
        || opus && codec.is(Codec.OPUS) && codec.clockRate() == 48_000).findFirst();
  }

  private static boolean same(Codec a, Codec b) {
    return a.is(b.name()) && a.clockRate() == b.clockRate();
  }

  private static String describe(SessionDescription offer) {
    if (offer.media().isEmpty()) {
      return "no media";
    }
    return offer.media().stream().map(section -> section.type() + " " + section.protocol()
        + (section.port() == 0 ? " (refused)" : "") + " " + names(section.codecs()))
        .collect(Collectors.joining("; "));
  }

  private static String names(List<Codec> codecs) {
    return codecs.isEmpty() ? "nothing"
        : codecs.stream().map(Codec::name).collect(Collectors.joining(", ", "[", "]"));
  }
}
