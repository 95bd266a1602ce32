package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay on real UDP sockets on loopback, between two test phones. */
class RtpRelayIT {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int PORT_MIN = 31000;
  private static final int PORT_MAX = 31999;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private final RecordingListener listener = new RecordingListener();
  private final TestPhone customer = new TestPhone(0xa1);
  private final TestPhone agent = new TestPhone(0xb2);
  private RtpRelay relay;

  @AfterEach
  void tearDown() throws Exception {
    pacer.shutdownNow();
    customer.close();
    agent.close();
    if (relay != null) {
      relay.close();
    }
  }

  private RtpRelay start(Duration timeout, Duration holdTimeout, int portMin, int portMax) {
    relay = new RtpRelay(new RtpProperties("127.0.0.1", portMin, portMax, timeout, holdTimeout,
        Duration.ofMillis(200), true, 1, Duration.ofSeconds(10)), Clock.systemUTC(), registry);
    relay.start();
    return relay;
  }

  private RtpRelay start() {
    return start(Duration.ofSeconds(30), Duration.ofHours(2), PORT_MIN, PORT_MAX);
  }

  /** A session with leg A signalled to the customer's ports and leg B to the agent's. */
  private RelaySession openBetweenThePhones(String callId) {
    RelaySession session = relay.open("t1", callId, listener);
    signal(session.a(), customer);
    signal(session.b(), agent);
    return session;
  }

  private static InetSocketAddress rtpOf(RelayLeg leg) {
    return new InetSocketAddress("127.0.0.1", leg.localRtpPort());
  }

  private static InetSocketAddress rtcpOf(RelayLeg leg) {
    return new InetSocketAddress("127.0.0.1", leg.localRtcpPort());
  }

  private static void signal(RelayLeg leg, TestPhone phone) {
    leg.signal(phone.rtpAddress(), phone.rtcpAddress());
  }

  /** Sends {@code count} RTP packets from the phone every 20 ms, from sequence {@code first}; returns what it sent. */
  private List<byte[]> sendEvery20Ms(TestPhone phone, InetSocketAddress to, int first, int count) {
    List<byte[]> sent = new CopyOnWriteArrayList<>();
    AtomicInteger next = new AtomicInteger(first);
    pacer.scheduleAtFixedRate(() -> {
      int sequence = next.getAndIncrement();
      if (sequence < first + count) {
        sent.add(phone.sendRtp(sequence, to));
      }
    }, 0, 20, TimeUnit.MILLISECONDS);
    return sent;
  }

  private static List<byte[]> awaitRtp(TestPhone phone, int count) {
    return Poll.until(WAIT, count + " RTP packets", () -> {
      List<byte[]> received = phone.rtpReceived();
      return received.size() >= count ? received : null;
    });
  }

  private double counter(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).counter().count();
  }

  @Test
  void relaysRtpBothWaysAtTwentyMillisecondsWithPayloadAndSequenceIntact() {
    start();
    RelaySession session = openBetweenThePhones("call-both-ways");

    List<byte[]> fromCustomer = sendEvery20Ms(customer, rtpOf(session.a()), 1000, 50);
    List<byte[]> fromAgent = sendEvery20Ms(agent, rtpOf(session.b()), 65510, 50);

    List<byte[]> atAgent = awaitRtp(agent, 50);
    List<byte[]> atCustomer = awaitRtp(customer, 50);
    assertThat(atAgent).usingElementComparator(RtpRelayIT::compareBytes).containsExactlyElementsOf(fromCustomer);
    assertThat(atCustomer).usingElementComparator(RtpRelayIT::compareBytes).containsExactlyElementsOf(fromAgent);
    assertThat(counter("switchboard.media.rtp.packets", "direction", "a-to-b")).isEqualTo(50);
    assertThat(registry.get("switchboard.media.rtp.packets").tags("direction", "b-to-a", "kind", "rtp").counter()
        .count()).isEqualTo(50);
    assertThat(registry.get("switchboard.media.rtp.bytes").tags("direction", "a-to-b", "kind", "rtp").counter()
        .count()).isEqualTo(50 * 172);
    assertThat(registry.get("switchboard.media.rtp.sessions").gauge().value()).isEqualTo(1);
    assertThat(registry.get("switchboard.media.rtp.ports.in.use").gauge().value()).isEqualTo(4);
  }

  @Test
  void latchesOntoAPhoneBehindNatAndFollowsItWhenItMovesItsSourcePort() {
    start();
    RelaySession session = relay.open("t1", "call-nat", listener);
    // The customer's SDP names an address it does not send from, as behind a NAT.
    session.a().signal(new InetSocketAddress("127.0.0.1", 9), new InetSocketAddress("127.0.0.1", 10));
    signal(session.b(), agent);

    customer.sendRtp(1, rtpOf(session.a()));
    awaitRtp(agent, 1);
    agent.sendRtp(1, rtpOf(session.b()));
    awaitRtp(customer, 1);
    assertThat(session.a().rtpTarget()).isEqualTo(customer.rtpAddress());

    customer.moveRtpPort();
    customer.sendRtp(2, rtpOf(session.a()));
    awaitRtp(agent, 2);
    agent.sendRtp(2, rtpOf(session.b()));

    // The second packet reaches the customer's new port (the list holds what both ports received).
    List<byte[]> atCustomer = awaitRtp(customer, 2);
    assertThat(ByteBuffer.wrap(atCustomer.get(1)).getShort(2)).isEqualTo((short) 2);
    assertThat(session.a().rtpTarget()).isEqualTo(customer.rtpAddress());
    assertThat(counter("switchboard.media.rtp.latches", "outcome", "moved")).isEqualTo(1);
    assertThat(counter("switchboard.media.rtp.latches", "outcome", "latched")).isEqualTo(2);
  }

  @Test
  void countsAndDropsMalformedPacketsAndKeepsRelaying() {
    start();
    RelaySession session = openBetweenThePhones("call-malformed");

    customer.sendRawRtp(HexFormat.of().parseHex("40000001000000000000000100"), rtpOf(session.a()));
    customer.sendRawRtp(HexFormat.of().parseHex("800000"), rtpOf(session.a()));
    customer.sendRawRtp(HexFormat.of().parseHex("900000010000000000000001bede0100aabb"), rtpOf(session.a()));
    customer.sendRtcp(HexFormat.of().parseHex("80c9000933333333"), rtcpOf(session.a()));
    customer.sendRtcp(HexFormat.of().parseHex("81ca0003111111110102616200000000"), rtcpOf(session.a()));
    customer.sendRtp(7, rtpOf(session.a()));

    List<byte[]> atAgent = awaitRtp(agent, 1);
    assertThat(ByteBuffer.wrap(atAgent.get(0)).getShort(2)).isEqualTo((short) 7);
    Poll.until(WAIT, "five drops counted", () ->
        registry.find("switchboard.media.rtp.dropped").counters().stream().mapToDouble(c -> c.count()).sum() == 5
            ? true : null);
    assertThat(counter("switchboard.media.rtp.dropped", "reason", "bad-version")).isEqualTo(1);
    assertThat(counter("switchboard.media.rtp.dropped", "reason", "truncated")).isEqualTo(1);
    assertThat(counter("switchboard.media.rtp.dropped", "reason", "bad-length")).isEqualTo(2);
    assertThat(counter("switchboard.media.rtp.dropped", "reason", "bad-compound")).isEqualTo(1);
    assertThat(agent.rtpReceived()).hasSize(1);
    assertThat(agent.rtcpReceived()).isEmpty();
    assertThat(session.isOpen()).isTrue();
  }

  @Test
  void aSilentLegEndsTheSessionAndTheListenerIsToldWhich() {
    start(Duration.ofMillis(400), Duration.ofHours(2), PORT_MIN, PORT_MAX);
    RelaySession session = openBetweenThePhones("call-silent");

    sendEvery20Ms(customer, rtpOf(session.a()), 1, 10_000);

    RelayListener.EndReason reason = Poll.until(WAIT, "the session to end", () ->
        listener.ended.isEmpty() ? null : listener.ended.get(0));
    assertThat(reason.code()).isEqualTo("rtp-timeout");
    assertThat(reason.side()).isEqualTo(Side.B);
    assertThat(session.isOpen()).isFalse();
    assertThat(relay.openSessions()).isZero();
    assertThat(counter("switchboard.media.rtp.sessions.ended", "reason", "rtp-timeout")).isEqualTo(1);
  }

  @Test
  void aHeldSessionEndsByTheHoldTimeout() {
    start(Duration.ofMillis(300), Duration.ofMillis(600), PORT_MIN, PORT_MAX);
    RelaySession session = openBetweenThePhones("call-held");
    session.held(true);

    RelayListener.EndReason reason = Poll.until(WAIT, "the held session to end", () ->
        listener.ended.isEmpty() ? null : listener.ended.get(0));
    assertThat(reason.code()).isEqualTo("hold-timeout");
  }

  @Test
  void rtcpFromBothPhonesGivesQualityWithTheirLossJitterAndRoundTrip() {
    start();
    RelaySession session = openBetweenThePhones("call-quality");
    session.a().participantId("customer");
    // The agent's stream reaches the customer; the customer's has sequence 3 and 4 missing.
    for (int sequence = 1; sequence <= 10; sequence++) {
      agent.sendRtp(sequence, rtpOf(session.b()));
      if (sequence != 3 && sequence != 4) {
        customer.sendRtp(sequence, rtpOf(session.a()));
      }
    }
    awaitRtp(customer, 10);

    // The agent's SR reaches the customer, who answers with an RR naming it.
    agent.sendRtcp(TestPhone.senderReport(agent.ssrc(), 0xe8a1b2c3_40000000L), rtcpOf(session.b()));
    byte[] sr = Poll.until(WAIT, "the SR at the customer", () ->
        customer.rtcpReceived().isEmpty() ? null : customer.rtcpReceived().get(0));
    long lastSr = (ByteBuffer.wrap(sr).getLong(8) >>> 16) & 0xffffffffL;
    customer.sendRtcp(TestPhone.receiverReport(customer.ssrc(), agent.ssrc(), 64, 12, 160, lastSr), rtcpOf(session.a()));
    Poll.until(WAIT, "the RR at the agent", () -> agent.rtcpReceived().isEmpty() ? null : true);

    LegQuality quality = Poll.until(WAIT, "a quality report on leg A with the RR", () -> listener.quality.stream()
        .filter(q -> q.side() == Side.A && q.reportedLossPercent() != null && q.rttMs() != null)
        .reduce((first, second) -> second).orElse(null));
    assertThat(quality.callId()).isEqualTo("call-quality");
    assertThat(quality.participantId()).isEqualTo("customer");
    assertThat(quality.codec()).isEqualTo("PCMU");
    assertThat(quality.reportedLossPercent()).isEqualTo(25.0);
    assertThat(quality.reportedCumulativeLost()).isEqualTo(12);
    assertThat(quality.jitterMs()).isEqualTo(20.0);
    assertThat(quality.rttMs()).isGreaterThanOrEqualTo(0.0);
    assertThat(quality.packetsReceived()).isEqualTo(8);
    assertThat(quality.sequenceGaps()).isEqualTo(2);
    assertThat(quality.packetsSent()).isEqualTo(10);
    assertThat(quality.mos()).isBetween(1.0, 4.5);
    assertThat(registry.get("switchboard.media.rtp.packets").tags("direction", "b-to-a", "kind", "rtcp").counter()
        .count()).isEqualTo(1);
  }

  @Test
  void closingReleasesThePortsAndAnExhaustedRangeIsRefused() throws IOException {
    start(Duration.ofSeconds(30), Duration.ofHours(2), 32000, 32003);
    RelaySession session = relay.open("t1", "call-close", listener);
    assertThatThrownBy(() -> relay.open("t1", "call-too-many", listener))
        .isInstanceOf(PortsExhaustedException.class).hasMessageContaining("32000-32003");
    assertThat(registry.get("switchboard.media.rtp.ports.exhausted").counter().count()).isEqualTo(1);
    List<Integer> ports = List.of(session.a().localRtpPort(), session.a().localRtcpPort(),
        session.b().localRtpPort(), session.b().localRtcpPort());
    assertThat(ports).containsExactlyInAnyOrder(32000, 32001, 32002, 32003);

    session.close();

    for (int port : ports) {
      try (DatagramChannel channel = DatagramChannel.open()) {
        channel.bind(new InetSocketAddress("127.0.0.1", port));
      }
    }
    assertThat(registry.get("switchboard.media.rtp.ports.in.use").gauge().value()).isZero();
    assertThat(registry.get("switchboard.media.rtp.sessions").gauge().value()).isZero();
    assertThat(listener.ended).isEmpty();
    assertThat(relay.open("t1", "call-after", listener).a().localRtpPort()).isBetween(32000, 32002);
  }

  private static int compareBytes(byte[] first, byte[] second) {
    return java.util.Arrays.compare(first, second);
  }

  /** What the relay told the session's owner. */
  static final class RecordingListener implements RelayListener {
    final List<EndReason> ended = new CopyOnWriteArrayList<>();
    final List<LegQuality> quality = new CopyOnWriteArrayList<>();

    @Override
    public void ended(RelaySession session, EndReason reason) {
      ended.add(reason);
    }

    @Override
    public void quality(RelaySession session, LegQuality snapshot) {
      quality.add(snapshot);
    }
  }

  /** An IPv4 relay has IPv4 sockets: towards a phone signalled with an IPv6 address it counts a drop and goes on. */
  @Test
  void anIpv4RelayCountsPacketsForAnIpv6PhoneAsSendFailedAndRelaysTheOtherWay() {
    start();
    RelaySession session = relay.open("t1", "call-ipv6-agent", listener);
    signal(session.a(), customer);
    session.b().signal(new InetSocketAddress("::1", 40000), new InetSocketAddress("::1", 40001));

    sendEvery20Ms(customer, rtpOf(session.a()), 1, 5);
    Poll.until(WAIT, "five send-failed drops", () -> registry.find("switchboard.media.rtp.dropped")
        .tag("reason", "send-failed").counters().stream().mapToDouble(c -> c.count()).sum() == 5 ? true : null);

    sendEvery20Ms(agent, rtpOf(session.b()), 100, 5);
    assertThat(awaitRtp(customer, 5)).hasSize(5);
    assertThat(session.isOpen()).isTrue();
  }
}
