package io.switchboard.gateway.ws;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One WebSocket connection of an agent or a customer: the frames waiting to be written to it. Frames come from
 * the Kafka thread, the heartbeat's sweep and the session's own requests, so emission is serialized here.
 */
final class AgentSession {

  private static final Logger log = LoggerFactory.getLogger(AgentSession.class);

  /** Queued like a frame, written as a WebSocket ping: compared by identity, never equal to a JSON frame. */
  static final String PING = new String("ping");

  private final String id;
  private final Caller caller;
  private final AgentKey agent;
  private final SessionKey key;
  private final Sinks.Many<String> outbound;
  private final SampleThrottle samples = new SampleThrottle();
  private CloseStatus closeStatus = CloseStatus.NORMAL;
  private Disposable expiry;
  /** The clock's millis when the client last sent anything (a pong or any other frame); all a heartbeat needs. */
  private volatile long lastHeard;
  private volatile boolean silent;

  AgentSession(String id, Caller caller, int buffer) {
    this.id = id;
    this.caller = caller;
    this.agent = new AgentKey(caller.tenant(), caller.agentId());
    // A token that speaks for an agent makes an agent's desk; a supervisor's or admin's that is not a
    // customer's, a wallboard; any other session token is a customer's.
    this.key = caller.agentId() != null && caller.is(Role.AGENT) ? SessionKey.of(agent)
        : !caller.is(Role.CUSTOMER) && caller.isAny(Role.SUPERVISOR, Role.ADMIN)
            ? SessionKey.wallboard(caller.tenant(), caller.subject())
            : SessionKey.customer(caller.tenant(), caller.subject());
    this.outbound = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(buffer).get());
  }

  String id() {
    return id;
  }

  /** The agent of an agent's session; for a customer's, its agent id is null. */
  AgentKey agent() {
    return agent;
  }

  SessionKey key() {
    return key;
  }

  boolean isAgent() {
    return key.agent();
  }

  /** The rate of this session's quality samples. */
  SampleThrottle samples() {
    return samples;
  }

  /** A supervisor's or admin's session: it receives queue:stats and may only refresh its token. */
  boolean isWallboard() {
    return key.wallboard();
  }

  /** A customer's session: the only kind that never receives queue statistics. */
  boolean isCustomer() {
    return !key.agent() && !key.wallboard();
  }

  /** The agent's token as of the handshake (or the last refresh). */
  Caller caller() {
    return caller;
  }

  /** Closes the session with 1008 at {@code expiresAt}, replacing any earlier deadline. */
  synchronized void expireAt(Instant expiresAt, Clock clock) {
    if (expiry != null) {
      expiry.dispose();
    }
    Duration left = Duration.between(clock.instant(), expiresAt);
    expiry = Mono.delay(left.isNegative() ? Duration.ZERO : left).subscribe(tick -> {
      log.info("Closing WebSocket session {} of {}: its access token expired", id, key.describe());
      close(CloseStatus.POLICY_VIOLATION.withReason("access token expired"));
    });
  }

  /** The client sent something at {@code millis} (the clock's): it is alive. */
  void heard(long millis) {
    lastHeard = millis;
  }

  long lastHeard() {
    return lastHeard;
  }

  /** Queues a ping frame behind the frames already waiting. */
  void ping() {
    send(PING);
  }

  /** Closes the session as dead: nothing came from it for too long. */
  void closeSilent(CloseStatus status) {
    silent = true;
    close(status);
  }

  /** Whether the gateway closed this session for its silence. */
  boolean silent() {
    return silent;
  }

  /** The frames to write, {@link #PING} among them. */
  Flux<String> outbound() {
    return outbound.asFlux();
  }

  /** Queues a frame; a client that stopped reading is disconnected rather than buffered forever. */
  synchronized boolean send(String frame) {
    Sinks.EmitResult result = outbound.tryEmitNext(frame);
    // A full buffer reads as "zero subscriber" before the socket subscribed, "overflow" after.
    if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
      log.warn("Closing WebSocket session {} of {}: it does not read its frames", id, key.describe());
      close(CloseStatus.POLICY_VIOLATION.withReason("too slow to read its frames"));
    }
    return result.isSuccess();
  }

  /** Ends the outbound stream: the connection closes with {@code status} once queued frames are written. */
  synchronized void close(CloseStatus status) {
    if (closeStatus == CloseStatus.NORMAL) {
      closeStatus = status;
    }
    if (expiry != null) {
      expiry.dispose();
    }
    outbound.tryEmitComplete();
  }

  /** Why the gateway closed the session; NORMAL when the client left first. */
  synchronized CloseStatus closeStatus() {
    return closeStatus;
  }
}
