package io.switchboard.media.rtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where one stream of a leg (its RTP or its RTCP) is sent, by symmetric RTP (RFC 4961): at first to
 * the address signalled in SDP; then to the source of the first packet received, and after that to
 * the source of the latest valid packet, so that a caller behind NAT, whose packets come from
 * another address than the one its SDP names, is reached where its NAT listens.
 *
 * <p>With {@code anySource} off, only packets from the signalled IP address (any port: NATs keep
 * the address of a public phone but rewrite ports) are accepted, and the latch follows them only.
 * Not thread-safe: one selector thread owns it; {@link #target()} may be read from any thread.
 */
final class SymmetricLatch {

  /** What a packet did to the latch. */
  enum Outcome {
    /** Accepted from where the latch already pointed. */
    SAME,
    /** The first packet: the latch now points at its source. */
    LATCHED,
    /** Accepted from a new source, which the latch now points at. */
    MOVED,
    /** Not accepted: from a source other than the signalled IP, with latching onto any source off. */
    REJECTED
  }

  private final boolean anySource;
  private volatile InetSocketAddress signalled;
  private volatile InetSocketAddress target;
  private boolean latched;
  /** Set by {@link #idle}: every packet is rejected until the next {@link #signal}. */
  private volatile boolean idle;

  SymmetricLatch(boolean anySource) {
    this.anySource = anySource;
  }

  /** A new signalled address (an SDP offer or answer); the latch starts over from it. Null: none known. */
  void signal(InetSocketAddress address) {
    idle = false;
    signalled = address;
    target = address;
    latched = false;
  }

  /** No phone on the stream until the next {@link #signal}: nothing is sent, every packet is rejected. */
  void idle() {
    signalled = null;
    target = null;
    latched = false;
    idle = true;
  }

  /** Where packets for this stream go now; null when nothing is signalled or latched. */
  InetSocketAddress target() {
    return target;
  }

  boolean latched() {
    return latched;
  }

  /** Judges the source of a valid packet and moves the latch if it is to follow it. */
  Outcome received(InetSocketAddress source) {
    if (idle || (!anySource && !fromSignalledIp(source))) {
      return Outcome.REJECTED;
    }
    if (!latched) {
      latched = true;
      target = source;
      return Outcome.LATCHED;
    }
    if (source.equals(target)) {
      return Outcome.SAME;
    }
    target = source;
    return Outcome.MOVED;
  }

  private boolean fromSignalledIp(InetSocketAddress source) {
    InetSocketAddress expected = signalled;
    if (expected == null) {
      return false;
    }
    InetAddress ip = expected.getAddress();
    return ip != null && Objects.equals(ip, source.getAddress());
  }
}
