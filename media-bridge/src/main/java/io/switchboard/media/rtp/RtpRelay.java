package io.switchboard.media.rtp;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTP relay: opens {@link RelaySession}s on port pairs from the configured range, carries their
 * packets on a few selector threads, and on one timer thread ends silent sessions and reports each
 * leg's quality to the session's listener.
 */
public final class RtpRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RtpRelay.class);
  /** One frame of a prompt (20 ms of G.711 at 8 kHz). */
  private static final long PROMPT_FRAME_MILLIS = 20;
  /** Pairs tried when a port of the range is taken by another process. */
  private static final int BIND_ATTEMPTS = 32;

  private final RtpProperties properties;
  private final Clock clock;
  private final PortAllocator ports;
  private final RtpMetrics metrics;
  private final PacketPath path;
  private final List<RelayLoop> loops = new ArrayList<>();
  private final Set<RelaySession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger nextLoop = new AtomicInteger();
  private final InetAddress address;
  // The bind address's own family: an IPv4 address gets IPv4 sockets, not IPv6 ones that map every
  // datagram to and from ::ffff:a.b.c.d on its way through the kernel.
  private final ProtocolFamily family;
  private ScheduledExecutorService timers;
  // The prompts' packets, written one at a time by the timer thread: the only thread that plays them.
  private final ByteBuffer promptPacket = ByteBuffer.allocateDirect(Prompt.LENGTH);

  public RtpRelay(RtpProperties properties, Clock clock, MeterRegistry registry) {
    this.properties = properties;
    this.clock = clock;
    this.ports = new PortAllocator(properties.portMin(), properties.portMax(), properties.host());
    try {
      this.address = InetAddress.getByName(properties.host());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("switchboard.media.rtp.host: no such address " + properties.host(), e);
    }
    this.family = address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    this.metrics = new RtpMetrics(registry);
    this.path = new PacketPath(metrics, new DropLog(metrics, clock, properties.dropLogInterval()), clock);
    metrics.gauges(sessions::size, () -> 2 * ports.inUse());
  }

  /** Starts the selector threads and the timer thread. */
  public synchronized void start() {
    if (timers != null) {
      return;
    }
    for (int i = 0; i < properties.selectorLoops(); i++) {
      RelayLoop loop = new RelayLoop("rtp-relay-" + i, path);
      loops.add(loop);
      loop.start();
    }
    timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "rtp-timers");
      thread.setDaemon(true);
      return thread;
    });
    long sweep = sweepMillis(properties.timeout(), properties.holdTimeout());
    timers.scheduleWithFixedDelay(guarded("timeout sweep", this::endSilentSessions), sweep, sweep,
        TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(guarded("prompts", this::playPrompts), PROMPT_FRAME_MILLIS, PROMPT_FRAME_MILLIS,
        TimeUnit.MILLISECONDS);
    long quality = properties.qualityInterval().toMillis();
    timers.scheduleAtFixedRate(guarded("quality report", this::reportQuality), quality, quality,
        TimeUnit.MILLISECONDS);
    log.info("RTP relay on {} ports {}-{} ({} port pairs), {} selector thread(s)", properties.host(),
        properties.portMin(), properties.portMax(), ports.capacity(), loops.size());
    for (String warning : RangeCheck.warnings(properties.portMin(), properties.portMax(), ports.capacity(),
        RangeCheck.openFileLimit(), RangeCheck.ephemeralPorts())) {
      log.warn(warning);
    }
  }

  /** A timer task that logs a failure instead of letting it cancel every later run. */
  private static Runnable guarded(String name, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("RTP relay {} failed", name, e);
      }
    };
  }

  /** How often silence is looked for: a quarter of the shorter timeout, at most a second. */
  static long sweepMillis(Duration timeout, Duration holdTimeout) {
    long shorter = Math.min(timeout.toMillis(), holdTimeout.toMillis());
    return Math.max(10, Math.min(1000, shorter / 4));
  }

  /**
   * A new session with a port pair bound for each leg, neither signalled yet.
   *
   * @throws PortsExhaustedException when the range has no free pair for both legs
   * @throws UncheckedIOException when the ports cannot be bound (a wrong host)
   */
  public RelaySession open(String tenantId, String callId, RelayListener listener) {
    if (timers == null) {
      throw new IllegalStateException("The RTP relay is not started");
    }
    RelayLeg a = bindLeg(Side.A);
    RelayLeg b;
    try {
      b = bindLeg(Side.B);
    } catch (RuntimeException e) {
      closeChannels(a);
      ports.release(a.ports());
      throw e;
    }
    RelayLoop loop = loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
    RelaySession session = new RelaySession(tenantId, callId, a, b, listener, this, loop);
    sessions.add(session);
    loop.register(session);
    log.info("Call {}: relay session open, leg A on {}:{}, leg B on {}:{}", callId, properties.host(),
        a.localRtpPort(), properties.host(), b.localRtpPort());
    return session;
  }

  /** Sessions open now. */
  public int openSessions() {
    return sessions.size();
  }

  private RelayLeg bindLeg(Side side) {
    BindException taken = null;
    for (int attempt = 0; attempt < Math.min(BIND_ATTEMPTS, ports.capacity()); attempt++) {
      PortPair pair;
      try {
        pair = ports.allocate();
      } catch (PortsExhaustedException e) {
        metrics.exhausted();
        // Counted, and reported by the caller: a flood of calls must not become a flood of lines.
        log.debug("{}", e.getMessage());
        throw e;
      }
      DatagramChannel rtp = null;
      DatagramChannel rtcp = null;
      try {
        rtp = bind(pair.rtp());
        rtcp = bind(pair.rtcp());
        return new RelayLeg(side, properties.host(), pair, rtp, rtcp, properties.latchAnySource(), clock);
      } catch (BindException e) {
        closeQuietly(rtp);
        closeQuietly(rtcp);
        ports.release(pair);
        taken = e;
      } catch (IOException e) {
        closeQuietly(rtp);
        closeQuietly(rtcp);
        ports.release(pair);
        throw new UncheckedIOException("Cannot bind RTP ports " + pair.rtp() + "/" + pair.rtcp() + " on "
            + properties.host() + " (switchboard.media.rtp.host)", e);
      }
    }
    throw new UncheckedIOException("No RTP port pair could be bound on " + properties.host() + " after "
        + Math.min(BIND_ATTEMPTS, ports.capacity()) + " tries: the ports are taken by other processes", taken);
  }

  private DatagramChannel bind(int port) throws IOException {
    DatagramChannel channel = DatagramChannel.open(family);
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
      channel.bind(new InetSocketAddress(address, port));
      channel.configureBlocking(false);
      return channel;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Closes a session on its loop's thread and releases its ports; tells the listener when {@code reason} is set. */
  void close(RelaySession session, RelayListener.EndReason reason) {
    if (!session.markClosed()) {
      return;
    }
    sessions.remove(session);
    Runnable release = () -> {
      closeChannels(session.a());
      closeChannels(session.b());
      session.loop.flushCancelled();
      ports.release(session.a().ports());
      ports.release(session.b().ports());
    };
    RelayLoop loop = session.loop;
    if (loop.inLoop() || !loop.running()) {
      release.run();
    } else {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.execute(() -> {
        release.run();
        done.complete(null);
      });
      await(done, session);
    }
    if (reason == null) {
      log.info("Call {}: relay session closed", session.callId());
      return;
    }
    log.info("Call {}: relay session ended: {}", session.callId(), reason.description());
    metrics.ended(reason.code());
    try {
      session.listener().ended(session, reason);
    } catch (RuntimeException e) {
      log.error("Call {}: the relay listener failed on the end of the session", session.callId(), e);
    }
  }

  private static void await(CompletableFuture<Void> done, RelaySession session) {
    try {
      done.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.error("Call {}: closing the relay session's ports did not finish", session.callId(), e);
    }
  }

  void endSilentSessions() {
    long now = clock.millis();
    for (RelaySession session : sessions) {
      Duration limit = session.held() ? properties.holdTimeout() : properties.timeout();
      for (Side side : Side.values()) {
        long silent = session.leg(side).silentMillis(now);
        if (silent >= limit.toMillis()) {
          String code = session.held() ? "hold-timeout" : "rtp-timeout";
          close(session, new RelayListener.EndReason(code, side,
              "leg " + side + " received no RTP or RTCP for " + Duration.ofMillis(silent)
                  + (session.held() ? " (on hold)" : "")));
          break;
        }
      }
    }
  }

  /** Sends the next frame of every prompt to its leg's phone; a leg with nowhere to send to is skipped. */
  void playPrompts() {
    for (RelaySession session : sessions) {
      for (Side side : Side.values()) {
        Prompt prompt = session.prompt(side);
        RelayLeg leg = session.leg(side);
        InetSocketAddress target = leg.rtpTarget();
        if (prompt == null || target == null || !session.isOpen()) {
          continue;
        }
        try {
          prompt.next(promptPacket);
          leg.rtp.send(promptPacket, target);
        } catch (IOException | UnsupportedAddressTypeException e) {
          log.debug("Call {}: a prompt frame to {} could not be sent", session.callId(), target, e);
        }
      }
    }
  }

  void reportQuality() {
    Instant at = clock.instant();
    for (RelaySession session : sessions) {
      RelayLeg.Counts a = session.a().counts(at.toEpochMilli());
      RelayLeg.Counts b = session.b().counts(at.toEpochMilli());
      Double rttA = session.a().roundTrip.lastMs();
      Double rttB = session.b().roundTrip.lastMs();
      report(session, session.a(), a, b, rttA, rttB, at);
      report(session, session.b(), b, a, rttB, rttA, at);
    }
  }

  private void report(RelaySession session, RelayLeg leg, RelayLeg.Counts own, RelayLeg.Counts other, Double ownRtt,
      Double otherRtt, Instant at) {
    if (own.packetsReceived() + own.packetsSent() == 0) {
      return;
    }
    LegQuality quality = QualitySnapshot.of(session, leg, own, other, ownRtt, otherRtt, at);
    try {
      session.listener().quality(session, quality);
    } catch (RuntimeException e) {
      log.error("Call {}: the relay listener failed on a quality report", session.callId(), e);
    }
  }

  /** Closes every session (listeners not called), then stops the threads. */
  @Override
  public synchronized void close() {
    for (RelaySession session : List.copyOf(sessions)) {
      session.close();
    }
    if (timers != null) {
      timers.shutdownNow();
      loops.forEach(RelayLoop::stop);
      loops.clear();
      timers = null;
    }
  }

  private static void closeChannels(RelayLeg leg) {
    closeQuietly(leg.rtp);
    closeQuietly(leg.rtcp);
  }

  private static void closeQuietly(DatagramChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("Closing an RTP channel failed", e);
    }
  }
}
