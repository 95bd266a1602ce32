package io.switchboard.media.rtp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What the relay reads from an RTCP compound packet (RFC 3550 §6): the sender information of its
 * SRs, the report blocks of its SRs and RRs, how many SDES chunks it had and which SSRCs said BYE.
 * Every length is checked against the datagram; other packet types (APP, feedback, XR) are skipped
 * by their length.
 */
record RtcpCompound(List<SenderInfo> senders, List<ReportBlock> reports, int sdesChunks, List<Long> byes) {

  static final int SR = 200;
  static final int RR = 201;
  static final int SDES = 202;
  static final int BYE = 203;

  /** Parses the bytes from the buffer's position to its limit, which it leaves untouched. */
  static Parsed<RtcpCompound> parse(ByteBuffer datagram) {
    int offset = datagram.position();
    int end = datagram.limit();
    if (end - offset < 8) {
      return Parsed.dropped(DropReason.TRUNCATED);
    }
    List<SenderInfo> senders = new ArrayList<>(1);
    List<ReportBlock> reports = new ArrayList<>(1);
    List<Long> byes = new ArrayList<>(0);
    int sdesChunks = 0;
    boolean first = true;
    while (offset < end) {
      if (end - offset < 4) {
        return Parsed.dropped(DropReason.TRUNCATED);
      }
      int head = datagram.get(offset) & 0xff;
      if (head >> 6 != 2) {
        return Parsed.dropped(DropReason.BAD_VERSION);
      }
      int count = head & 0x1f;
      int type = datagram.get(offset + 1) & 0xff;
      int length = 4 * ((datagram.getShort(offset + 2) & 0xffff) + 1);
      if (length > end - offset) {
        return Parsed.dropped(DropReason.BAD_LENGTH);
      }
      if (first && type != SR && type != RR) {
        return Parsed.dropped(DropReason.BAD_COMPOUND);
      }
      int bodyEnd = offset + length;
      if ((head & 0x20) != 0) {
        int pad = datagram.get(bodyEnd - 1) & 0xff;
        // Only the last packet of a compound may be padded (RFC 3550 §6.4.1).
        if (bodyEnd != end || pad == 0 || pad > length - 4) {
          return Parsed.dropped(DropReason.BAD_PADDING);
        }
        bodyEnd -= pad;
      }
      DropReason fault = switch (type) {
        case SR -> senderReport(datagram, offset, bodyEnd, count, senders, reports);
        case RR -> receiverReport(datagram, offset, bodyEnd, count, reports);
        case SDES -> sdes(datagram, datagram.position(), offset + 4, bodyEnd, count);
        case BYE -> bye(datagram, offset + 4, bodyEnd, count, byes);
        default -> null;
      };
      if (fault != null) {
        return Parsed.dropped(fault);
      }
      if (type == SDES) {
        sdesChunks += count;
      }
      first = false;
      offset += length;
    }
    return Parsed.of(new RtcpCompound(List.copyOf(senders), List.copyOf(reports), sdesChunks, List.copyOf(byes)));
  }

  private static DropReason senderReport(ByteBuffer buf, int offset, int end, int count, List<SenderInfo> senders,
      List<ReportBlock> reports) {
    if (offset + 28 + 24 * count > end) {
      return DropReason.BAD_LENGTH;
    }
    long ssrc = unsigned(buf, offset + 4);
    senders.add(new SenderInfo(ssrc, buf.getLong(offset + 8), unsigned(buf, offset + 16), unsigned(buf, offset + 20),
        unsigned(buf, offset + 24)));
    blocks(buf, ssrc, offset + 28, count, reports);
    return null;
  }

  private static DropReason receiverReport(ByteBuffer buf, int offset, int end, int count, List<ReportBlock> reports) {
    if (offset + 8 + 24 * count > end) {
      return DropReason.BAD_LENGTH;
    }
    blocks(buf, unsigned(buf, offset + 4), offset + 8, count, reports);
    return null;
  }

  private static void blocks(ByteBuffer buf, long reporter, int offset, int count, List<ReportBlock> reports) {
    for (int i = 0; i < count; i++) {
      int at = offset + 24 * i;
      int lossWord = buf.getInt(at + 4);
      // The cumulative loss is a signed 24-bit figure: shift its sign bit into place and back.
      int cumulative = (lossWord << 8) >> 8;
      reports.add(new ReportBlock(reporter, unsigned(buf, at), lossWord >>> 24, cumulative, unsigned(buf, at + 8),
          unsigned(buf, at + 12), unsigned(buf, at + 16), unsigned(buf, at + 20)));
    }
  }

  private static DropReason sdes(ByteBuffer buf, int base, int offset, int end, int chunks) {
    for (int chunk = 0; chunk < chunks; chunk++) {
      offset += 4;
      if (offset > end) {
        return DropReason.BAD_LENGTH;
      }
      while (true) {
        if (offset >= end) {
          return DropReason.BAD_LENGTH;
        }
        int item = buf.get(offset) & 0xff;
        if (item == 0) {
          // The end item, then null octets to the next 32-bit boundary.
          offset = base + ((offset - base + 4) & ~3);
          break;
        }
        if (offset + 2 > end) {
          return DropReason.BAD_LENGTH;
        }
        offset += 2 + (buf.get(offset + 1) & 0xff);
      }
      if (offset > end) {
        return DropReason.BAD_LENGTH;
      }
    }
    return null;
  }

  private static DropReason bye(ByteBuffer buf, int offset, int end, int count, List<Long> byes) {
    if (offset + 4 * count > end) {
      return DropReason.BAD_LENGTH;
    }
    for (int i = 0; i < count; i++) {
      byes.add(unsigned(buf, offset + 4 * i));
    }
    int reason = offset + 4 * count;
    if (reason < end && reason + 1 + (buf.get(reason) & 0xff) > end) {
      return DropReason.BAD_LENGTH;
    }
    return null;
  }

  private static long unsigned(ByteBuffer buf, int at) {
    return buf.getInt(at) & 0xffffffffL;
  }
}
