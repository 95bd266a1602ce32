package io.switchboard.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PlayerTest {

  @Test
  void framesAre160EncodedSamplesAndTheAudioLoops() {
    short[] ramp = ramp(320, 50);
    FramePlayer player = new FramePlayer(new Samples(ramp), FramePlayer.Law.PCMU);
    byte[] first = player.next();
    byte[] second = player.next();
    assertThat(first).hasSize(160);
    assertThat(first[0]).isEqualTo(G711.ulaw((short) 0));
    assertThat(second[0]).isEqualTo(G711.ulaw((short) (160 * 50)));
    assertThat(player.next()).isEqualTo(first);
    assertThat(new FramePlayer(new Samples(ramp), FramePlayer.Law.PCMA).next()[5]).isEqualTo(G711.alaw((short) 250));
  }

  @Test
  void audioNotAWholeNumberOfFramesLoopsWithoutAGap() {
    short[] ramp = ramp(250, 100);
    FramePlayer player = new FramePlayer(new Samples(ramp), FramePlayer.Law.PCMA);
    ByteBuffer frames = ByteBuffer.allocate(4 * 160);
    for (int frame = 0; frame < 4; frame++) {
      player.next(frames);
    }
    for (int i = 0; i < 4 * 160; i++) {
      assertThat(frames.get(i)).as("byte %d", i).isEqualTo(G711.alaw(ramp[i % 250]));
    }
  }

  @Test
  void theRingbackTonesHaveTheirCadenceAndFrequency() {
    Samples europe = Tones.europeanRingback();
    assertThat(europe.millis()).isEqualTo(5000);
    // 425 Hz for the first second: 850 sign changes; then silence.
    assertThat(signChanges(europe, 0, 8000)).isBetween(848, 852);
    assertThat(peak(europe, 8000, europe.length())).isZero();
    assertThat(peak(europe, 0, 8000)).isBetween(6000, 7000);

    Samples america = Tones.northAmericanRingback();
    assertThat(america.millis()).isEqualTo(6000);
    assertThat(peak(america, 0, 16000)).isGreaterThan(6000);
    assertThat(peak(america, 16000, america.length())).isZero();
  }

  /** {@code length} samples rising by {@code step}. */
  private static short[] ramp(int length, int step) {
    short[] ramp = new short[length];
    for (int i = 0; i < length; i++) {
      ramp[i] = (short) (i * step);
    }
    return ramp;
  }

  private static int signChanges(Samples samples, int from, int to) {
    int changes = 0;
    for (int i = from + 1; i < to; i++) {
      if ((samples.at(i - 1) < 0) != (samples.at(i) < 0)) {
        changes++;
      }
    }
    return changes;
  }

  private static int peak(Samples samples, int from, int to) {
    int peak = 0;
    for (int i = from; i < to; i++) {
      peak = Math.max(peak, Math.abs(samples.at(i)));
    }
    return peak;
  }
}
