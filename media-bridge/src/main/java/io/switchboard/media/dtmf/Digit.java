package io.switchboard.media.dtmf;

/**
 * One key press: its key ({@code 0}–{@code 9}, {@code *}, {@code #}, {@code A}–{@code D}), how long it
 * was held in milliseconds (0 when not known), and how it arrived.
 */
public record Digit(char key, int durationMs, Source source) {

  /** How a key press reached the bridge. */
  public enum Source { RTP, SIP_INFO }

  static final String KEYS = "0123456789*#ABCD";

  public Digit {
    if (KEYS.indexOf(key) < 0) {
      throw new IllegalArgumentException("not a DTMF key: " + key);
    }
    if (durationMs < 0) {
      throw new IllegalArgumentException("negative duration " + durationMs);
    }
  }

  /** The key of RFC 4733 event code {@code event} (0–15), or 0 for any other event (flash, tones). */
  static char keyOfEvent(int event) {
    return event >= 0 && event < KEYS.length() ? KEYS.charAt(event) : 0;
  }
}
