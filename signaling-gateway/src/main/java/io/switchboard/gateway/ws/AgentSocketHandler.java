package io.switchboard.gateway.ws;

import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.web.RequestIds;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/** {@code /ws?agentId=…&tenant=…}: an agent's live channel to the gateway. */
final class AgentSocketHandler implements WebSocketHandler {

  private static final Logger log = LoggerFactory.getLogger(AgentSocketHandler.class);

  private final SessionRegistry registry;
  private final ClientCommands commands;
  private final Frames frames;
  private final int sendBuffer;

  AgentSocketHandler(SessionRegistry registry, ClientCommands commands, Frames frames, int sendBuffer) {
    this.registry = registry;
    this.commands = commands;
    this.frames = frames;
    this.sendBuffer = sendBuffer;
  }

  @Override
  public Mono<Void> handle(WebSocketSession socket) {
    MultiValueMap<String, String> query =
        UriComponentsBuilder.fromUri(socket.getHandshakeInfo().getUri()).build().getQueryParams();
    String agentId = param(query, "agentId");
    String tenant = param(query, "tenant");
    String problem = problem(agentId, tenant == null ? RequestIds.DEFAULT_TENANT : tenant);
    if (problem != null) {
      return socket.send(Mono.just(socket.textMessage(frames.error(problem, null))))
          .then(socket.close(CloseStatus.POLICY_VIOLATION.withReason("invalid agentId or tenant")));
    }
    AgentSession session = new AgentSession(socket.getId(),
        new AgentKey(tenant == null ? RequestIds.DEFAULT_TENANT : tenant, agentId), sendBuffer);
    registry.add(session);
    try (CallLog ignored = CallLog.of(null, agentId)) {
      log.info("Agent {} connected (session {})", agentId, socket.getId());
    }
    Mono<Void> input = socket.receive()
        .concatMap(message -> message.getType() == WebSocketMessage.Type.TEXT
            ? commands.handle(session, message.getPayloadAsText())
            : Mono.fromRunnable(() -> answerNonText(session, message)))
        .then()
        .doFinally(signal -> session.close(CloseStatus.NORMAL));
    // The outbound stream ends when the client left, when the gateway stops or when the client is too
    // slow; only closing the socket ends the inbound side as well.
    Mono<Void> output = socket.send(session.outbound().map(socket::textMessage))
        .then(Mono.defer(() -> socket.close(session.closeStatus())));
    return Mono.when(input, output).doFinally(signal -> {
      registry.remove(session);
      try (CallLog ignored = CallLog.of(null, agentId)) {
        log.info("Agent {} disconnected (session {})", agentId, socket.getId());
      }
    });
  }

  private void answerNonText(AgentSession session, WebSocketMessage message) {
    if (message.getType() == WebSocketMessage.Type.BINARY) {
      session.send(frames.error("Binary frames are not supported; send JSON text", null));
    }
  }

  private static String param(MultiValueMap<String, String> query, String name) {
    String raw = query.getFirst(name);
    return raw == null ? null : UriUtils.decode(raw, StandardCharsets.UTF_8);
  }

  private static String problem(String agentId, String tenant) {
    if (!RequestIds.isValidId(agentId)) {
      return "agentId must be given and match " + RequestIds.ID_PATTERN;
    }
    if (!RequestIds.isValidTenant(tenant)) {
      return "tenant must match " + RequestIds.TENANT_PATTERN;
    }
    return null;
  }
}
