package io.switchboard.benchmarks.websocket;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Agents' WebSocket clients (Reactor Netty), one connection each, as a browser's would be: they
 * offer the subprotocols {@code switchboard.v1} and {@code bearer.<token>}, read every frame and
 * send nothing. Each frame that carries a {@link PushStamp} is timed on arrival.
 */
final class ClientFleet implements AutoCloseable {

  /** How a connect went: sessions open, handshakes refused or failed (with the first reason), time taken. */
  record Opened(int open, int failed, String firstFailure, long nanos) {}

  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final Queue<Disposable> connections = new ConcurrentLinkedQueue<>();
  private final Map<Character, PushLatencies> phases = new ConcurrentHashMap<>();
  private final AtomicLong unstamped = new AtomicLong();
  private final AtomicLong closedByServer = new AtomicLong();
  private volatile boolean closing;

  ClientFleet(LoopResources loops) {
    // No pool: each session is a connection of its own for as long as it lasts.
    http = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);
  }

  /** Opens a session per token, at most {@code concurrency} handshakes at a time; waits for all. */
  Opened connect(URI uri, List<String> tokens, int concurrency) {
    AtomicLong failed = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    long start = System.nanoTime();
    Long open = Flux.fromIterable(tokens)
        .flatMap(token -> open(uri, token).thenReturn(1)
            .timeout(HANDSHAKE_TIMEOUT)
            .onErrorResume(e -> {
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, String.valueOf(e));
              return Mono.empty();
            }), concurrency)
        .count()
        .block();
    return new Opened(Math.toIntExact(open), (int) failed.get(), firstFailure.get(), System.nanoTime() - start);
  }

  /** From now on, frames of {@code latencies}' phase are timed there. */
  void expect(char phase, PushLatencies latencies) {
    phases.put(phase, latencies);
  }

  /** Frames read that carried no stamp of an expected phase (other messages of the server). */
  long unstamped() {
    return unstamped.get();
  }

  /** Sessions the server closed, or that failed, after their handshake. */
  long closedByServer() {
    return closedByServer.get();
  }

  private Mono<Void> open(URI uri, String token) {
    return Mono.create(opened -> {
      AtomicBoolean upgraded = new AtomicBoolean();
      Disposable connection = http
          .websocket(WebsocketClientSpec.builder().protocols("switchboard.v1,bearer." + token).build())
          .uri(uri)
          .handle((in, out) -> {
            upgraded.set(true);
            opened.success();
            return in.receiveFrames().doOnNext(this::read).then();
          })
          .subscribe(ignored -> { }, error -> {
            if (upgraded.get()) {
              lost();
            } else {
              opened.error(error);
            }
          }, this::lost);
      connections.add(connection);
      opened.onCancel(connection);
    });
  }

  private void lost() {
    if (!closing) {
      closedByServer.incrementAndGet();
    }
  }

  private void read(WebSocketFrame frame) {
    long now = System.nanoTime();
    if (!(frame instanceof TextWebSocketFrame text)) {
      return;
    }
    PushStamp stamp = PushStamp.find(text.text());
    PushLatencies latencies = stamp == null ? null : phases.get(stamp.phase());
    if (latencies == null || !latencies.record(stamp, now)) {
      unstamped.incrementAndGet();
    }
  }

  /** Closes every connection. */
  @Override
  public void close() {
    closing = true;
    Disposable connection;
    while ((connection = connections.poll()) != null) {
      connection.dispose();
    }
  }
}
