package io.switchboard.gateway.ws;

import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.ratelimit.RateLimitProperties;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * {@code /ws}: an agent's or a customer's live channel to the gateway. The handshake was authenticated
 * before the upgrade (the token in {@code Sec-WebSocket-Protocol}, docs/security.md); the session is
 * the agent (or the customer) and tenant of that token, and lasts until the token expires unless the client refreshes it.
 */
final class AgentSocketHandler implements WebSocketHandler {

  /** The subprotocol the gateway speaks; clients offer it next to {@code bearer.<token>}. */
  static final String PROTOCOL = "switchboard.v1";

  private static final Logger log = LoggerFactory.getLogger(AgentSocketHandler.class);

  private final SessionRegistry registry;
  private final ClientCommands commands;
  private final SessionTokens tokens;
  private final Frames frames;
  private final Clock clock;
  private final int sendBuffer;
  private final RateLimitProperties.Messages messageLimit;
  private final Presence presence;
  private final AgentNotifier notifier;
  private final QueueStatsPush queueStats;

  /** {@code messageLimit}: the rate of each session's messages, or null for none. */
  AgentSocketHandler(SessionRegistry registry, ClientCommands commands, SessionTokens tokens, Frames frames,
      Clock clock, int sendBuffer, RateLimitProperties.Messages messageLimit, Presence presence,
      AgentNotifier notifier, QueueStatsPush queueStats) {
    this.queueStats = queueStats;
    this.presence = presence;
    this.notifier = notifier;
    this.registry = registry;
    this.commands = commands;
    this.tokens = tokens;
    this.frames = frames;
    this.clock = clock;
    this.sendBuffer = sendBuffer;
    this.messageLimit = messageLimit;
  }

  @Override
  public List<String> getSubProtocols() {
    return List.of(PROTOCOL);
  }

  @Override
  public Mono<Void> handle(WebSocketSession socket) {
    return socket.getHandshakeInfo().getPrincipal()
        .map(tokens::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(token -> token.isPresent() ? serve(socket, token.get())
            // The security filters refuse such a handshake before the upgrade; this is a second lock.
            : socket.send(Mono.just(socket.textMessage(frames.error("An agent's or a customer's access token is required", null))))
                .then(socket.close(CloseStatus.POLICY_VIOLATION.withReason("an agent's or customer's token is required"))));
  }

  private Mono<Void> serve(WebSocketSession socket, SessionTokens.SessionToken token) {
    String agentId = token.caller().agentId();
    AgentSession session = new AgentSession(socket.getId(), token.caller(), sendBuffer);
    session.heard(clock.millis());
    registry.add(session);
    if (!session.isWallboard()) {
      presence.changed(session.key());
    }
    notifier.connected(session);
    queueStats.connected(session);
    session.expireAt(token.expiresAt(), clock);
    try (CallLog ignored = CallLog.of(null, agentId)) {
      log.info("{} of tenant {} connected (session {})", session.key().describe(), token.caller().tenant(),
          socket.getId());
    }
    SessionRate rate = messageLimit == null ? null : new SessionRate(messageLimit, clock);
    Mono<Void> input = socket.receive()
        .doOnNext(message -> session.heard(clock.millis()))
        // Pongs answer the heartbeat's pings: nothing more to do. Reactor Netty answers a client's ping
        // itself and does not pass it on; were it passed on, it would need no answer here either.
        .filter(message -> !isControl(message))
        .concatMap(message -> rate == null || admitted(session, rate)
            ? message.getType() == WebSocketMessage.Type.TEXT
                ? session.isWallboard() ? wallboard(session, message.getPayloadAsText())
                    : commands.handle(session, message.getPayloadAsText())
                : Mono.fromRunnable(() -> answerNonText(session, message))
            : Mono.empty())
        .then()
        .doFinally(signal -> session.close(CloseStatus.NORMAL));
    // The outbound stream ends when the client left, when the gateway stops, when the client is too
    // slow, when its token expired or when it stopped answering the heartbeat; only closing the socket
    // ends the inbound side as well.
    Mono<Void> output = socket.send(session.outbound().map(frame -> frame == AgentSession.PING
            ? socket.pingMessage(buffers -> buffers.allocateBuffer(0))
            : socket.textMessage(frame)))
        .then(Mono.defer(() -> socket.close(session.closeStatus())));
    return Mono.when(input, output).doFinally(signal -> {
      registry.remove(session);
      queueStats.disconnected(session);
      if (!session.isWallboard()) {
        presence.changed(session.key());
      }
      try (CallLog ignored = CallLog.of(null, agentId)) {
        log.info("{} disconnected (session {})", session.key().describe(), socket.getId());
      }
    });
  }

  /** False for a message over the session's rate: it is answered with call:error, or the session closed. */
  private boolean admitted(AgentSession session, SessionRate rate) {
    SessionRate.Verdict verdict = rate.next();
    if (verdict == SessionRate.Verdict.ACCEPT) {
      return true;
    }
    session.send(frames.error(rate.dropped(), null));
    if (verdict == SessionRate.Verdict.CLOSE) {
      try (CallLog ignored = CallLog.of(null, session.agent().agentId())) {
        log.warn("Closing WebSocket session {} of {}: it keeps sending over its message rate",
            session.id(), session.key().describe());
      }
      session.close(CloseStatus.POLICY_VIOLATION.withReason("too many messages"));
    }
    return false;
  }

  /** A wallboard only listens: it may refresh its token; anything else is answered with call:error. */
  private Mono<Void> wallboard(AgentSession session, String text) {
    Frames.ClientFrame frame;
    try {
      frame = frames.decode(text);
    } catch (Frames.BadFrameException e) {
      session.send(frames.error(e.getMessage(), null));
      return Mono.empty();
    }
    if (frame.type().equals("auth:refresh")) {
      return commands.handle(session, text);
    }
    session.send(frames.error("A supervisor's session receives queue:stats and may send auth:refresh only, not '"
        + frame.type() + "'", frame.text("callId")));
    return Mono.empty();
  }

  private static boolean isControl(WebSocketMessage message) {
    return message.getType() == WebSocketMessage.Type.PONG || message.getType() == WebSocketMessage.Type.PING;
  }

  private void answerNonText(AgentSession session, WebSocketMessage message) {
    if (message.getType() == WebSocketMessage.Type.BINARY) {
      session.send(frames.error("Binary frames are not supported; send JSON text", null));
    }
  }
}
