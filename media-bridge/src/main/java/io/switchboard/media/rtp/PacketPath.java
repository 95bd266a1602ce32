package io.switchboard.media.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import io.switchboard.media.dtmf.Digit;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to each datagram, on the loop's thread: parsed with bounds checks (a malformed one is
 * counted and dropped), its source judged by the leg's latch, its figures noted, then sent unchanged
 * out of the other leg to where that leg's latch points. Never throws on what arrives.
 */
final class PacketPath implements RelayLoop.PacketHandler {

  private static final Logger log = LoggerFactory.getLogger(PacketPath.class);

  private final RtpMetrics metrics;
  private final DropLog drops;
  private final Clock clock;

  PacketPath(RtpMetrics metrics, DropLog drops, Clock clock) {
    this.metrics = metrics;
    this.drops = drops;
    this.clock = clock;
  }

  @Override
  public void handle(RelayLoop.Port port, ByteBuffer packet, InetSocketAddress source) {
    if (port.rtcp()) {
      rtcp(port.session(), port.leg(), packet, source);
    } else {
      rtp(port.session(), port.leg(), packet, source);
    }
  }

  private void rtp(RelaySession session, RelayLeg from, ByteBuffer packet, InetSocketAddress source) {
    Parsed<RtpHeader> parsed = RtpHeader.parse(packet);
    if (!parsed.ok()) {
      drops.dropped(parsed.reason(), session.callId(), from.side(), source);
      return;
    }
    if (!accepted(session, from, from.rtpLatch, "RTP", source)) {
      return;
    }
    int length = packet.remaining();
    from.rtpReceived(parsed.value(), length, clock.millis());
    keyPresses(session, from, parsed.value(), packet);
    RelayLeg to = session.leg(from.side().other());
    if (session.paused(to.side())) {
      return;
    }
    if (send(session, from, to.rtp, to.rtpTarget(), packet, source)) {
      to.rtpSent(parsed.value().payloadType(), length);
      metrics.relayed(from.side(), false, length);
    }
  }

  private void keyPresses(RelaySession session, RelayLeg from, RtpHeader header, ByteBuffer packet) {
    ByteBuffer payload = packet.duplicate();
    payload.position(packet.position() + header.headerLength());
    payload.limit(payload.position() + header.payloadLength());
    for (Digit digit : session.keyPresses(from.side(), header.payloadType(), header.timestamp(), payload.slice())) {
      try {
        session.listener().keyPressed(session, from.side(), digit);
      } catch (RuntimeException e) {
        log.warn("Call {}: a key press was not handled", session.callId(), e);
      }
    }
  }

  private void rtcp(RelaySession session, RelayLeg from, ByteBuffer packet, InetSocketAddress source) {
    Parsed<RtcpCompound> parsed = RtcpCompound.parse(packet);
    if (!parsed.ok()) {
      drops.dropped(parsed.reason(), session.callId(), from.side(), source);
      return;
    }
    if (!accepted(session, from, from.rtcpLatch, "RTCP", source)) {
      return;
    }
    from.heard(clock.millis());
    long nanos = System.nanoTime();
    for (ReportBlock block : parsed.value().reports()) {
      from.roundTrip.reported(block.lastSr(), block.delaySinceLastSr(), nanos);
      from.reported(block);
    }
    RelayLeg to = session.leg(from.side().other());
    int length = packet.remaining();
    if (send(session, from, to.rtcp, to.rtcpTarget(), packet, source)) {
      for (SenderInfo sender : parsed.value().senders()) {
        to.roundTrip.srSent(sender.ntpMiddle(), nanos);
      }
      metrics.relayed(from.side(), true, length);
    }
  }

  private boolean accepted(RelaySession session, RelayLeg leg, SymmetricLatch latch, String kind,
      InetSocketAddress source) {
    InetSocketAddress before = latch.target();
    SymmetricLatch.Outcome outcome = latch.received(source);
    switch (outcome) {
      case REJECTED -> {
        drops.dropped(DropReason.UNEXPECTED_SOURCE, session.callId(), leg.side(), source);
        return false;
      }
      case LATCHED -> log.info("Call {} leg {}: {} latched onto {} (signalled {})", session.callId(), leg.side(),
          kind, source, before);
      case MOVED -> log.info("Call {} leg {}: {} moved from {} to {}", session.callId(), leg.side(), kind, before,
          source);
      case SAME -> {
        return true;
      }
    }
    metrics.latch(outcome);
    return true;
  }

  private boolean send(RelaySession session, RelayLeg from, DatagramChannel channel, InetSocketAddress target,
      ByteBuffer packet, InetSocketAddress source) {
    if (target == null) {
      drops.dropped(DropReason.NO_DESTINATION, session.callId(), from.side(), source);
      return false;
    }
    try {
      if (channel.send(packet, target) == 0) {
        drops.dropped(DropReason.SEND_BUFFER_FULL, session.callId(), from.side(), source);
        return false;
      }
      return true;
    } catch (IOException | UnsupportedAddressTypeException e) {
      // The latter: a target of the other address family than the relay's host (an IPv6 phone, an IPv4 relay).
      drops.dropped(DropReason.SEND_FAILED, session.callId(), from.side(), source);
      return false;
    }
  }
}
