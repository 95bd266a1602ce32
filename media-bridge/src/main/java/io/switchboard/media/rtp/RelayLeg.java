package io.switchboard.media.rtp;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Clock;

/**
 * One leg of a session: its local port pair, where its phone is (signalled, then latched), and what
 * passed through it. The owner reads the local ports for its SDP and signals the remote address
 * from the remote SDP; the rest is the relay's.
 */
public final class RelayLeg {

  private final Side side;
  private final String host;
  private final PortPair ports;
  private final Clock clock;
  final DatagramChannel rtp;
  final DatagramChannel rtcp;
  final SymmetricLatch rtpLatch;
  final SymmetricLatch rtcpLatch;
  final RoundTrip roundTrip = new RoundTrip();
  private final SequenceTracker sequence = new SequenceTracker();
  private volatile String participantId;
  /** When the leg's silence started to count (signalled or first packet), 0 while it does not. */
  private volatile long activeSinceMillis;
  private volatile long lastReceivedMillis;
  private long packetsReceived;
  private long bytesReceived;
  private long packetsSent;
  private long bytesSent;
  private int lastPayloadTypeSent = -1;
  private ReportBlock lastReport;
  private long previousBytesSent;
  private long previousReceived;
  private long previousLost;
  private long previousCountsMillis;

  RelayLeg(Side side, String host, PortPair ports, DatagramChannel rtp, DatagramChannel rtcp, boolean anySource,
      Clock clock) {
    this.side = side;
    this.clock = clock;
    this.host = host;
    this.ports = ports;
    this.rtp = rtp;
    this.rtcp = rtcp;
    this.rtpLatch = new SymmetricLatch(anySource);
    this.rtcpLatch = new SymmetricLatch(anySource);
    this.previousCountsMillis = clock.millis();
  }

  public Side side() {
    return side;
  }

  /** The address the leg's ports are bound on (the configured host). */
  public String localHost() {
    return host;
  }

  public int localRtpPort() {
    return ports.rtp();
  }

  public int localRtcpPort() {
    return ports.rtcp();
  }

  PortPair ports() {
    return ports;
  }

  /** The phone's RTP address from its SDP; RTCP goes to the next port (no {@code a=rtcp}). */
  public void signal(InetSocketAddress remoteRtp) {
    signal(remoteRtp, new InetSocketAddress(remoteRtp.getAddress(), remoteRtp.getPort() + 1));
  }

  /**
   * The phone's RTP and RTCP addresses from its SDP; the latches start over from them, and from now
   * on the leg's silence counts towards the RTP timeout.
   */
  public void signal(InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp) {
    if (remoteRtp.isUnresolved() || remoteRtcp.isUnresolved()) {
      throw new IllegalArgumentException("Leg " + side + " needs resolved addresses, not " + remoteRtp + ", " + remoteRtcp);
    }
    rtpLatch.signal(remoteRtp);
    rtcpLatch.signal(remoteRtcp);
    if (activeSinceMillis == 0) {
      activeSinceMillis = clock.millis();
    }
  }

  /**
   * The leg has no phone for now (its call waits in a queue again after a transfer): nothing is sent
   * to it, whatever arrives on its ports latches onto nothing it relays, and its silence stops counting
   * towards the RTP timeout until it is {@linkplain #signal signalled} again.
   */
  public void idle() {
    rtpLatch.idle();
    rtcpLatch.idle();
    activeSinceMillis = 0;
    lastReceivedMillis = 0;
  }

  /** Where RTP for the phone goes now: the signalled address, or the latched source; null if neither. */
  public InetSocketAddress rtpTarget() {
    return rtpLatch.target();
  }

  public InetSocketAddress rtcpTarget() {
    return rtcpLatch.target();
  }

  /** Names the participant on this leg, for the quality it reports. */
  public void participantId(String id) {
    participantId = id;
  }

  public String participantId() {
    return participantId;
  }

  synchronized void rtpReceived(RtpHeader header, int length, long nowMillis) {
    packetsReceived++;
    bytesReceived += length;
    sequence.received(header.ssrc(), header.sequence());
    heard(nowMillis);
  }

  void heard(long nowMillis) {
    lastReceivedMillis = nowMillis;
    if (activeSinceMillis == 0) {
      activeSinceMillis = nowMillis;
    }
  }

  synchronized void rtpSent(int payloadType, int length) {
    packetsSent++;
    bytesSent += length;
    lastPayloadTypeSent = payloadType;
  }

  synchronized void reported(ReportBlock block) {
    lastReport = block;
  }

  /** How long the leg has been silent at {@code nowMillis}; -1 when its silence does not count yet. */
  long silentMillis(long nowMillis) {
    long since = Math.max(activeSinceMillis, lastReceivedMillis);
    return activeSinceMillis == 0 ? -1 : nowMillis - since;
  }

  /** The counters at {@code nowMillis}, and the interval figures since the previous call (or the leg's opening). */
  synchronized Counts counts(long nowMillis) {
    long lost = sequence.lost();
    long intervalBytesSent = bytesSent - previousBytesSent;
    long intervalReceived = packetsReceived - previousReceived;
    long intervalLost = lost - previousLost;
    previousBytesSent = bytesSent;
    previousReceived = packetsReceived;
    previousLost = lost;
    long intervalMillis = nowMillis - previousCountsMillis;
    previousCountsMillis = nowMillis;
    return new Counts(packetsReceived, bytesReceived, packetsSent, bytesSent, lost, lastPayloadTypeSent, lastReport,
        intervalBytesSent, intervalReceived, intervalLost, intervalMillis);
  }

  record Counts(long packetsReceived, long bytesReceived, long packetsSent, long bytesSent, long lost,
      int lastPayloadTypeSent, ReportBlock lastReport, long intervalBytesSent, long intervalReceived,
      long intervalLost, long intervalMillis) {

    /** The relay's share of packets missing from the phone's stream over the interval; null without packets. */
    Double intervalLossPercent() {
      long expected = intervalReceived + intervalLost;
      return expected <= 0 ? null : intervalLost * 100.0 / expected;
    }
  }
}
