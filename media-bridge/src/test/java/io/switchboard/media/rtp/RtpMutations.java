package io.switchboard.media.rtp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/** Seeded mutations of valid RTP and RTCP packets, for the fuzz tests. */
public final class RtpMutations {

  private RtpMutations() {}

  /** A valid RTCP packet to start from: an SR, an RR with a block, or SR + SDES in one compound. */
  public static byte[] rtcp(Random random, long ssrc) {
    return switch (random.nextInt(3)) {
      case 0 -> TestPhone.senderReport(ssrc, 0x0102030405060708L);
      case 1 -> TestPhone.receiverReport(ssrc, 0xa9, 64, 12, 160, 0x03040506);
      default -> {
        byte[] sr = TestPhone.senderReport(ssrc, 42);
        byte[] sdes = ByteBuffer.allocate(16).put((byte) 0x81).put((byte) 202).putShort((short) 3).putInt((int) ssrc)
            .put((byte) 1).put((byte) 4).put("fuzz".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .put((byte) 0).put((byte) 0).array();
        byte[] both = Arrays.copyOf(sr, sr.length + sdes.length);
        System.arraycopy(sdes, 0, both, sr.length, sdes.length);
        yield both;
      }
    };
  }

  /** One of the faults of a careless or hostile sender, or (one time in ten) none. */
  public static byte[] mutate(Random random, byte[] packet) {
    byte[] out = packet.clone();
    switch (random.nextInt(10)) {
      case 0 -> out[0] = (byte) (out[0] & 0x3f | random.nextInt(4) << 6); // another version
      case 1 -> out[0] = (byte) (out[0] | 0x0f); // fifteen CSRCs or report blocks that are not there
      case 2 -> out[0] = (byte) (out[0] | 0x10); // an extension, or a report count, the bytes do not hold
      case 3 -> {
        out[0] = (byte) (out[0] | 0x20); // padding
        out[out.length - 1] = (byte) random.nextInt(256);
      }
      case 4 -> out = Arrays.copyOf(out, random.nextInt(out.length)); // truncated, possibly to nothing
      case 5 -> {
        out[2] = (byte) random.nextInt(256); // RTCP: a length beyond the packet
        out[3] = (byte) random.nextInt(256);
      }
      case 6 -> {
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
      }
      case 7 -> {
        out = new byte[1 + random.nextInt(1500)];
        random.nextBytes(out);
      }
      case 8 -> out[1] = (byte) random.nextInt(256); // another payload or packet type
      default -> {
        // unchanged
      }
    }
    return out;
  }
}
