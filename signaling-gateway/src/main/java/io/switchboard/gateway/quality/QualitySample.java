package io.switchboard.gateway.quality;

import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.quality.EModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One media stream's figures as a page measured them ({@code getStats()}), checked: every figure is
 * optional, and one that is given is a finite number in its range.
 */
public record QualitySample(MediaType mediaType, Double jitterMs, Double packetLossPercent, Double rttMs,
    Double bitrateKbps, String codec, Double framesPerSecond, Integer width, Integer height) {

  /** Jitter and round trip: below a minute. */
  static final double MAX_DELAY_MS = 60_000;
  /** 10 Gbit/s: more than any browser stream. */
  static final double MAX_BITRATE_KBPS = 10_000_000;
  static final double MAX_FPS = 1000;
  static final int MAX_DIMENSION = 16_384;
  static final Pattern CODEC = Pattern.compile("[A-Za-z0-9._+/-]{1,64}");

  /** A sample that cannot be published; the message names every field at fault. */
  public static final class InvalidSampleException extends Exception {
    InvalidSampleException(String message) {
      super(message);
    }
  }

  /** Reads the data of a {@code call:quality_update} frame; unknown fields are ignored. */
  public static QualitySample from(JsonNode data) throws InvalidSampleException {
    List<String> faults = new ArrayList<>();
    MediaType mediaType = mediaType(data.get("mediaType"), faults);
    Double jitter = number(data, "jitterMs", 0, MAX_DELAY_MS, false, faults);
    Double loss = number(data, "packetLossPercent", 0, 100, true, faults);
    Double rtt = number(data, "rttMs", 0, MAX_DELAY_MS, false, faults);
    Double bitrate = number(data, "bitrateKbps", 0, MAX_BITRATE_KBPS, true, faults);
    Double fps = number(data, "framesPerSecond", 0, MAX_FPS, true, faults);
    Integer width = dimension(data, "width", faults);
    Integer height = dimension(data, "height", faults);
    String codec = null;
    JsonNode codecNode = data.get("codec");
    if (codecNode != null && !codecNode.isNull()) {
      if (!codecNode.isString() || !CODEC.matcher(codecNode.stringValue()).matches()) {
        faults.add("codec must be a name matching " + CODEC.pattern() + " (e.g. opus, PCMU, VP8)");
      } else {
        codec = codecNode.stringValue();
      }
    }
    if (!faults.isEmpty()) {
      throw new InvalidSampleException("Invalid quality sample: " + String.join("; ", faults));
    }
    return new QualitySample(mediaType, jitter, loss, rtt, bitrate, codec, fps, width, height);
  }

  /** The E-model's MOS for a voice stream with a loss, delay or jitter figure; null otherwise. */
  public Double mos() {
    if (mediaType != MediaType.AUDIO || jitterMs == null && packetLossPercent == null && rttMs == null) {
      return null;
    }
    return EModel.mos(codec, rttMs, jitterMs, packetLossPercent);
  }

  private static MediaType mediaType(JsonNode node, List<String> faults) {
    if (node == null || node.isNull()) {
      return MediaType.AUDIO;
    }
    if (node.isString()) {
      try {
        return MediaType.valueOf(node.stringValue().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    faults.add("mediaType must be AUDIO, VIDEO or SCREEN");
    return MediaType.AUDIO;
  }

  /** {@code max} is part of the range when {@code inclusive}, else just outside it. */
  private static Double number(JsonNode data, String field, double min, double max, boolean inclusive,
      List<String> faults) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    double value = node.isNumber() ? node.doubleValue() : Double.NaN;
    if (!Double.isFinite(value) || value < min || (inclusive ? value > max : value >= max)) {
      faults.add(field + " must be a number from " + fmt(min) + (inclusive ? " to " : " to below ") + fmt(max));
      return null;
    }
    return value;
  }

  private static Integer dimension(JsonNode data, String field, List<String> faults) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > MAX_DIMENSION) {
      faults.add(field + " must be a whole number of pixels from 0 to " + MAX_DIMENSION);
      return null;
    }
    return node.intValue();
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
