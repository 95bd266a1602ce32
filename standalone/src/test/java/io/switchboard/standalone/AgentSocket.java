package io.switchboard.standalone;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An agent's WebSocket to a stack's gateway, collecting every frame it receives. */
final class AgentSocket implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final JsonMapper json = JsonMapper.builder().build();

  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private final List<JsonNode> all = new CopyOnWriteArrayList<>();
  private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
  private final Sinks.One<WebSocketSession> opened = Sinks.one();
  private final Disposable connection;

  private AgentSocket(URI uri, String token) {
    WebSocketHandler handler = new WebSocketHandler() {
      @Override
      public List<String> getSubProtocols() {
        // The token travels in the handshake's Sec-WebSocket-Protocol, never in the URL.
        return List.of("switchboard.v1", "bearer." + token);
      }

      @Override
      public Mono<Void> handle(WebSocketSession session) {
        opened.tryEmitValue(session);
        Mono<Void> in = session.receive().map(WebSocketMessage::getPayloadAsText)
            .doOnNext(text -> {
              JsonNode frame = json.readTree(text);
              all.add(frame);
              received.add(frame);
            }).then();
        Mono<Void> out = session.send(outgoing.asFlux().map(session::textMessage));
        return Mono.zip(in, out).then();
      }
    };
    connection = new ReactorNettyWebSocketClient().execute(uri, handler).subscribe();
  }

  static AgentSocket connect(StandaloneSettings settings, String token) {
    AgentSocket socket = new AgentSocket(
        URI.create("ws://" + settings.host() + ":" + settings.gatewayPort() + "/ws"), token);
    socket.opened.asMono().block(WAIT);
    return socket;
  }

  void send(String type, Object data) {
    outgoing.tryEmitNext(json.writeValueAsString(java.util.Map.of("type", type, "data", data)));
  }

  /** The next frame of {@code type}, skipping the others. */
  JsonNode await(String type) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode frame = received.poll(100, TimeUnit.MILLISECONDS);
      if (frame != null && type.equals(frame.path("type").asString())) {
        return frame;
      }
    }
    throw new AssertionError("No " + type + " frame within " + WAIT);
  }

  /** Every frame received so far, in order. */
  List<JsonNode> frames() {
    return List.copyOf(all);
  }

  @Override
  public void close() {
    outgoing.tryEmitComplete();
    connection.dispose();
  }
}
