package io.switchboard.gateway;

import io.switchboard.testsupport.Poll;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client of the gateway, as an agent's browser would be: it offers the subprotocols
 * {@code switchboard.v1} and {@code bearer.<token>}. Close it after use.
 */
final class AgentSocket implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Sinks.Many<String> toServer = Sinks.many().unicast().onBackpressureBuffer();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final Disposable connection;
  private volatile boolean closedByServer;
  private volatile String protocol;
  private volatile Throwable failure;

  private AgentSocket(URI uri, List<String> protocols) {
    connection = new ReactorNettyWebSocketClient()
        .execute(uri, new WebSocketHandler() {
          @Override
          public List<String> getSubProtocols() {
            return protocols;
          }

          @Override
          public Mono<Void> handle(WebSocketSession session) {
            protocol = session.getHandshakeInfo().getSubProtocol();
            return session.send(toServer.asFlux().map(session::textMessage))
                .and(session.receive()
                    .map(WebSocketMessage::getPayloadAsText)
                    .doOnNext(text -> received.add(JSON.readTree(text)))
                    .then())
                .doFinally(signal -> closedByServer = true);
          }
        })
        .subscribe(done -> { }, error -> failure = error);
  }

  /** Connects with {@code token} offered as a subprotocol. */
  static AgentSocket connect(int port, String token) {
    return open(port, "switchboard.v1", "bearer." + token);
  }

  /** Connects offering exactly {@code protocols}. */
  static AgentSocket open(int port, String... protocols) {
    return new AgentSocket(URI.create("ws://127.0.0.1:" + port + "/ws"), List.of(protocols));
  }

  /** Waits until the handshake failed, and returns why. */
  Throwable awaitRefused() {
    return Poll.until(TIMEOUT, "the handshake to be refused", () -> failure);
  }

  /** The subprotocol the server selected, once connected. */
  String protocol() {
    return protocol;
  }

  synchronized void send(String frame) {
    toServer.tryEmitNext(frame);
  }

  /** Waits for a frame of {@code type} whose data matches, and returns its data. */
  JsonNode await(String type, Predicate<JsonNode> data) {
    return Poll.until(TIMEOUT, type + " frame", () -> received.stream()
        .filter(frame -> type.equals(frame.path("type").stringValue(null)) && data.test(frame.path("data")))
        .findFirst()
        .map(frame -> frame.get("data"))
        .orElse(null));
  }

  /** Sends a frame the gateway cannot understand and waits for its error: proves the session is registered. */
  JsonNode awaitReady() {
    String marker = "ready-" + System.nanoTime();
    send("{\"type\":\"" + marker + "\",\"data\":{}}");
    return await("call:error", data -> data.path("message").stringValue("").contains(marker));
  }

  boolean closedByServer() {
    return closedByServer;
  }

  List<JsonNode> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    connection.dispose();
  }
}
