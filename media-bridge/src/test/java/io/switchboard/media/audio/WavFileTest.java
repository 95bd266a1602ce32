package io.switchboard.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WavFileTest {

  /** A WAV file: RIFF header, an optional LIST chunk (odd length, padded) before fmt, then data. */
  static byte[] wav(int format, int channels, int rate, int bits, byte[] data, boolean extraChunk) {
    int extra = extraChunk ? 8 + 4 : 0;
    ByteBuffer out = ByteBuffer.allocate(12 + extra + 24 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(out.capacity() - 8)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII));
    if (extraChunk) {
      out.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(3).put(new byte[] {1, 2, 3, 0});
    }
    out.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) format)
        .putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
        .putShort((short) (channels * bits / 8)).putShort((short) bits);
    out.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
    return out.array();
  }

  private static Samples read(byte[] bytes) throws IOException {
    return WavFile.read(new ByteArrayInputStream(bytes), "test.wav");
  }

  @Test
  void sixteenBitPcmMonoIsReadSampleForSample() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(2 * 200).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 200; i++) {
      data.putShort((short) (i * 100 - 10_000));
    }
    Samples samples = read(wav(1, 1, 8000, 16, data.array(), true));
    assertThat(samples.length()).isEqualTo(200);
    assertThat(samples.at(0)).isEqualTo((short) -10_000);
    assertThat(samples.at(199)).isEqualTo((short) 9_900);
    assertThat(samples.millis()).isEqualTo(25);
  }

  @Test
  void stereoIsMixedDownAndTheLawsAreDecoded() throws IOException {
    ByteBuffer stereo = ByteBuffer.allocate(4 * 160).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 160; i++) {
      stereo.putShort((short) 1000).putShort((short) 3000);
    }
    assertThat(read(wav(1, 2, 8000, 16, stereo.array(), false)).at(10)).isEqualTo((short) 2000);
    byte[] ulaw = new byte[160];
    java.util.Arrays.fill(ulaw, (byte) 0x80);
    assertThat(read(wav(7, 1, 8000, 8, ulaw, false)).at(0)).isEqualTo((short) 32124);
    byte[] alaw = new byte[160];
    java.util.Arrays.fill(alaw, (byte) 0xD5);
    assertThat(read(wav(6, 1, 8000, 8, alaw, false)).at(159)).isEqualTo((short) 8);
  }

  @Test
  void whatTheBridgeCannotPlayIsRefusedSayingWhatIsNeeded() {
    byte[] pcm = new byte[640];
    assertThatThrownBy(() -> read(wav(1, 1, 16000, 16, pcm, false))).isInstanceOf(IOException.class)
        .hasMessage("test.wav is 16-bit PCM, 1 channel(s), 16000 Hz; the bridge plays 16-bit PCM, µ-law or A-law, "
            + "mono or stereo, at 8000 Hz");
    assertThatThrownBy(() -> read(wav(1, 1, 8000, 24, pcm, false))).hasMessageContaining("24-bit PCM");
    assertThatThrownBy(() -> read(wav(3, 1, 8000, 32, pcm, false))).hasMessageContaining("WAV format 3");
    assertThatThrownBy(() -> read(wav(1, 1, 8000, 16, new byte[100], false))).hasMessageContaining("less than one 20 ms frame");
    assertThatThrownBy(() -> read("not a wav file at all".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("test.wav is not a WAV file (no RIFF/WAVE header)");
    byte[] noData = java.util.Arrays.copyOf(wav(1, 1, 8000, 16, pcm, false), 12 + 24);
    assertThatThrownBy(() -> read(noData)).hasMessage("test.wav has no data chunk");
  }
}
