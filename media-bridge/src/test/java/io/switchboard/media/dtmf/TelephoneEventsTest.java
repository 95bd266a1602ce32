package io.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventsTest {

  private final TelephoneEvents events = new TelephoneEvents(8000);
  private final List<Digit> seen = new ArrayList<>();

  /** An RFC 4733 payload: event, E bit, volume 10, duration. */
  private static ByteBuffer payload(int event, boolean end, int duration) {
    return ByteBuffer.wrap(new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8),
        (byte) duration});
  }

  private void feed(long timestamp, int event, boolean end, int duration) {
    seen.addAll(events.packet(timestamp, payload(event, end, duration)));
  }

  @Test
  void aPressIsReportedOnceAtItsFirstEndWithItsDuration() {
    // '5' held 100 ms at 8 kHz: packets every 20 ms (160 units), the end sent three times.
    for (int duration = 160; duration <= 800; duration += 160) {
      feed(1000, 5, false, duration);
    }
    assertThat(seen).isEmpty();
    feed(1000, 5, true, 800);
    feed(1000, 5, true, 800);
    feed(1000, 5, true, 800);
    assertThat(seen).containsExactly(new Digit('5', 100, Digit.Source.RTP));
  }

  @Test
  void everyKeyHasItsEventCodeAndOtherEventsAreIgnored() {
    String keys = "0123456789*#ABCD";
    for (int event = 0; event < 17; event++) {
      feed(10_000L * (event + 1), event, true, 400);
    }
    assertThat(seen).extracting(Digit::key).containsExactly(keys.chars().mapToObj(c -> (char) c).toArray(Character[]::new));
    assertThat(seen).allSatisfy(digit -> assertThat(digit.durationMs()).isEqualTo(50));
  }

  @Test
  void aPressWhoseEndIsLostIsReportedWhenTheNextBeginsOrAtTheFlush() {
    feed(1000, 1, false, 160);
    feed(1000, 1, false, 320);
    // The next press, already at its end: both come out, in order.
    feed(3000, 2, true, 480);
    assertThat(seen).containsExactly(new Digit('1', 40, Digit.Source.RTP), new Digit('2', 60, Digit.Source.RTP));
    feed(5000, 3, false, 160);
    assertThat(events.flush()).contains(new Digit('3', 20, Digit.Source.RTP));
    assertThat(events.flush()).isEmpty();
  }

  @Test
  void twoPressesOfOneKeyAreTwoAndAShortPayloadIsNone() {
    feed(1000, 9, true, 160);
    feed(2000, 9, true, 160);
    assertThat(seen).hasSize(2);
    assertThat(events.packet(3000, ByteBuffer.wrap(new byte[] {1, 2, 3}))).isEmpty();
    // Opus's telephone-event runs at 48 kHz.
    assertThat(new TelephoneEvents(48_000).packet(1, payload(0, true, 4800))).containsExactly(
        new Digit('0', 100, Digit.Source.RTP));
  }
}
