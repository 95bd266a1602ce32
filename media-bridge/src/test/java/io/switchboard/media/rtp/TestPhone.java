package io.switchboard.media.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A phone's media end in a test: an RTP and an RTCP socket on loopback, and what arrived on each. */
public final class TestPhone implements AutoCloseable {

  private DatagramChannel rtp;
  private final DatagramChannel rtcp;
  private final List<byte[]> rtpReceived = Collections.synchronizedList(new ArrayList<>());
  private final List<byte[]> rtcpReceived = Collections.synchronizedList(new ArrayList<>());
  private final long ssrc;

  public TestPhone(long ssrc) {
    this.ssrc = ssrc;
    this.rtp = open();
    this.rtcp = open();
  }

  private static DatagramChannel open() {
    try {
      DatagramChannel channel = DatagramChannel.open();
      channel.bind(new InetSocketAddress("127.0.0.1", 0));
      channel.configureBlocking(false);
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public InetSocketAddress rtpAddress() {
    return address(rtp);
  }

  public InetSocketAddress rtcpAddress() {
    return address(rtcp);
  }

  /** A new RTP socket, as after a NAT rebinding: later packets come from, and must reach, another port. */
  public void moveRtpPort() {
    DatagramChannel old = rtp;
    rtp = open();
    closeQuietly(old);
  }

  /** A PCMU packet: 12-byte header, 160 bytes of payload derived from the sequence number. */
  public static byte[] rtpPacket(long ssrc, int payloadType, int sequence) {
    ByteBuffer packet = ByteBuffer.allocate(172);
    packet.put((byte) 0x80).put((byte) payloadType).putShort((short) sequence).putInt(sequence * 160).putInt((int) ssrc);
    for (int i = 0; i < 160; i++) {
      packet.put((byte) (sequence + i));
    }
    return packet.array();
  }

  /** An SR with no report block. */
  public static byte[] senderReport(long ssrc, long ntp) {
    return ByteBuffer.allocate(28).put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt((int) ssrc)
        .putLong(ntp).putInt(1600).putInt(10).putInt(1720).array();
  }

  /** An RR with one report block; DLSR 0. */
  public static byte[] receiverReport(long ssrc, long source, int fraction, int cumulative, int jitter, long lastSr) {
    return ByteBuffer.allocate(32).put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt((int) ssrc)
        .putInt((int) source).putInt(fraction << 24 | cumulative).putInt(10).putInt(jitter).putInt((int) lastSr)
        .putInt(0).array();
  }

  public byte[] sendRtp(int sequence, InetSocketAddress to) {
    byte[] packet = rtpPacket(ssrc, 0, sequence);
    send(rtp, packet, to);
    return packet;
  }

  public void sendRawRtp(byte[] bytes, InetSocketAddress to) {
    send(rtp, bytes, to);
  }

  public void sendRtcp(byte[] bytes, InetSocketAddress to) {
    send(rtcp, bytes, to);
  }

  public long ssrc() {
    return ssrc;
  }

  /** RTP received so far (reads what is waiting first). */
  public List<byte[]> rtpReceived() {
    drain(rtp, rtpReceived);
    synchronized (rtpReceived) {
      return List.copyOf(rtpReceived);
    }
  }

  public List<byte[]> rtcpReceived() {
    drain(rtcp, rtcpReceived);
    synchronized (rtcpReceived) {
      return List.copyOf(rtcpReceived);
    }
  }

  private static void drain(DatagramChannel channel, List<byte[]> into) {
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    try {
      while (true) {
        buffer.clear();
        if (channel.receive(buffer) == null) {
          return;
        }
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        into.add(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(DatagramChannel channel, byte[] bytes, InetSocketAddress to) {
    try {
      channel.send(ByteBuffer.wrap(bytes), to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InetSocketAddress address(DatagramChannel channel) {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(DatagramChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a test socket
    }
  }

  @Override
  public void close() {
    closeQuietly(rtp);
    closeQuietly(rtcp);
  }
}
