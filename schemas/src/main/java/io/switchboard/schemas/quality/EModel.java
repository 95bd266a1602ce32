package io.switchboard.schemas.quality;

import java.util.Locale;
import java.util.Map;

/**
 * A listening-quality MOS from a voice stream's network figures, by the ITU-T G.107 E-model in the
 * simplified form used for VoIP monitoring (docs/quality.md): {@code R = 93.2 - Id - Ie,eff}, with the
 * delay impairment {@code Id = 0.024 d + 0.11 (d - 177.3) H(d - 177.3)} of the one-way delay {@code d},
 * the loss impairment {@code Ie,eff = Ie + (95 - Ie) Ppl / (Ppl / BurstR + Bpl)} with {@code BurstR = 1}
 * (random loss), and G.107's conversion of R to MOS.
 */
public final class EModel {

  /** G.107's default R before delay and equipment impairments (Ro - Is with every default). */
  static final double R_DEFAULT = 93.2;
  static final double BURST_RATIO = 1.0;

  /**
   * A codec's equipment impairment {@code ie}, its packet-loss robustness {@code bpl} (G.113
   * Appendix I) and the delay it adds, {@code delayMs}: one frame of packetization plus look-ahead.
   */
  record Codec(String name, double ie, double bpl, double delayMs) {}

  /** G.711 with packet-loss concealment (G.113 Appendix I: Ie 0, Bpl 25.1): what WebRTC's decoder does. */
  static final Codec G711 = new Codec("G.711", 0, 25.1, 20);
  /** No ITU-T value exists; counted like G.711 with concealment, plus Opus's 6.5 ms look-ahead (RFC 6716). */
  static final Codec OPUS = new Codec("opus", 0, 25.1, 26.5);
  /** G.729A (G.113 Appendix I: Ie 11, Bpl 19.0): 10 ms frames, two per packet, 5 ms look-ahead. */
  static final Codec G729 = new Codec("G.729", 11, 19.0, 25);

  private static final Map<String, Codec> CODECS = Map.of(
      "pcmu", G711, "pcma", G711, "g711", G711, "g722", G711, "opus", OPUS, "g729", G729);

  private EModel() {}

  /** The codec by its SDP or getStats name ({@code opus}, {@code audio/PCMU}, ...); G.711 when unknown or null. */
  static Codec codec(String name) {
    if (name == null) {
      return G711;
    }
    String bare = name.toLowerCase(Locale.ROOT);
    int slash = bare.indexOf('/');
    if (slash >= 0) {
      bare = bare.substring(slash + 1);
    }
    return CODECS.getOrDefault(bare.replace(".", ""), G711);
  }

  /**
   * The MOS of a voice stream. {@code d} is half the round trip, plus a jitter buffer of twice the
   * jitter, plus the codec's delay. A figure left out (null) counts as zero.
   */
  public static double mos(String codec, Double rttMs, Double jitterMs, Double packetLossPercent) {
    Codec used = codec(codec);
    double delay = orZero(rttMs) / 2 + 2 * orZero(jitterMs) + used.delayMs();
    return mosOf(rating(delay, orZero(packetLossPercent), used));
  }

  /** R from the one-way mouth-to-ear delay in ms and the random packet loss in percent. */
  static double rating(double oneWayDelayMs, double packetLossPercent, Codec codec) {
    return R_DEFAULT - delayImpairment(oneWayDelayMs) - lossImpairment(packetLossPercent, codec);
  }

  /** Id: nearly nothing below 177.3 ms one way, then 0.134 per ms. */
  static double delayImpairment(double oneWayDelayMs) {
    double id = 0.024 * oneWayDelayMs;
    return oneWayDelayMs > 177.3 ? id + 0.11 * (oneWayDelayMs - 177.3) : id;
  }

  /** Ie,eff of G.107 (7-29) with BurstR 1. */
  static double lossImpairment(double packetLossPercent, Codec codec) {
    return codec.ie() + (95 - codec.ie()) * packetLossPercent / (packetLossPercent / BURST_RATIO + codec.bpl());
  }

  /** G.107 (B-4): 1 at or below R 0, 4.5 at or above 100. */
  public static double mosOf(double r) {
    if (r <= 0) {
      return 1;
    }
    if (r >= 100) {
      return 4.5;
    }
    double mos = 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    return Math.max(1, Math.min(4.5, mos));
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
