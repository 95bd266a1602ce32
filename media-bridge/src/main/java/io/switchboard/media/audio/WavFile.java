package io.switchboard.media.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a WAV (RIFF) file into 8 kHz samples: linear PCM of 16 bits, µ-law or A-law (format codes 1,
 * 7, 6), mono or stereo (mixed down), at 8,000 samples a second. Anything else fails with an
 * {@link IOException} that says what the file is and what is needed (the bridge does not resample:
 * convert with e.g. {@code sox in.wav -r 8000 -c 1 -b 16 out.wav}). Files over 16 MiB are refused.
 */
public final class WavFile {

  static final int MAX_BYTES = 16 * 1024 * 1024;
  private static final int PCM = 1;
  private static final int ALAW = 6;
  private static final int ULAW = 7;

  private WavFile() {}

  public static Samples read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException(file + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** {@code name}: how the errors name the file. */
  public static Samples read(InputStream in, String name) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new IOException(name + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || !tag(buffer, 0).equals("RIFF") || !tag(buffer, 8).equals("WAVE")) {
      throw new IOException(name + " is not a WAV file (no RIFF/WAVE header)");
    }
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    int at = 12;
    while (at + 8 <= bytes.length) {
      String chunk = tag(buffer, at);
      long size = Integer.toUnsignedLong(buffer.getInt(at + 4));
      int body = at + 8;
      if (body + size > bytes.length) {
        size = bytes.length - body; // a truncated last chunk: what is there
      }
      if (chunk.equals("fmt ")) {
        if (size < 16) {
          throw new IOException(name + ": its fmt chunk is " + size + " bytes, not at least 16");
        }
        format = buffer.getShort(body) & 0xffff;
        channels = buffer.getShort(body + 2) & 0xffff;
        rate = buffer.getInt(body + 4);
        bits = buffer.getShort(body + 14) & 0xffff;
      } else if (chunk.equals("data")) {
        if (format < 0) {
          throw new IOException(name + ": its data chunk comes before its fmt chunk");
        }
        return decode(name, buffer, body, (int) size, format, channels, rate, bits);
      }
      at = body + (int) size + (int) (size & 1); // chunks are padded to an even length
    }
    throw new IOException(name + " has no data chunk");
  }

  private static Samples decode(String name, ByteBuffer buffer, int start, int size, int format, int channels,
      int rate, int bits) throws IOException {
    boolean pcm = format == PCM && bits == 16;
    boolean companded = (format == ULAW || format == ALAW) && bits == 8;
    if (!pcm && !companded || channels < 1 || channels > 2 || rate != Samples.RATE) {
      throw new IOException(name + " is " + describe(format, bits) + ", " + channels + " channel(s), " + rate
          + " Hz; the bridge plays 16-bit PCM, µ-law or A-law, mono or stereo, at 8000 Hz");
    }
    int width = (pcm ? 2 : 1) * channels;
    int count = size / width;
    short[] samples = new short[count];
    for (int i = 0; i < count; i++) {
      int sum = 0;
      for (int channel = 0; channel < channels; channel++) {
        int offset = start + i * width + channel * (pcm ? 2 : 1);
        sum += pcm ? buffer.getShort(offset)
            : format == ULAW ? G711.fromUlaw(buffer.get(offset)) : G711.fromAlaw(buffer.get(offset));
      }
      samples[i] = (short) (sum / channels);
    }
    if (count < Samples.FRAME) {
      throw new IOException(name + " holds " + count + " samples, less than one 20 ms frame");
    }
    return new Samples(samples);
  }

  private static String describe(int format, int bits) {
    return switch (format) {
      case PCM -> bits + "-bit PCM";
      case ULAW -> bits + "-bit µ-law";
      case ALAW -> bits + "-bit A-law";
      default -> "WAV format " + format;
    };
  }

  private static String tag(ByteBuffer buffer, int at) {
    char[] chars = new char[4];
    for (int i = 0; i < 4; i++) {
      chars[i] = (char) (buffer.get(at + i) & 0xff);
    }
    return new String(chars);
  }
}
