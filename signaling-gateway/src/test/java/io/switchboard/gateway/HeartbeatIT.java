package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A gateway of its own with a heartbeat of 1 s and a timeout of 2.5 s: a client that answers the pings
 * stays connected, one that stops answering is closed with 1001 and its agent goes OFFLINE after the
 * presence grace; pongs and pings from a client are not answered with call:error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeartbeatIT {

  private final TestIssuer issuer = TestIssuer.shared();
  private final CallStateStub callState = new CallStateStub();
  private final String tenant = "beat-" + UUID.randomUUID().toString().substring(0, 8);
  private ConfigurableApplicationContext context;
  private int port;

  @BeforeAll
  void start() {
    context = TestGateway.start(TestGateway.args("gateway-heartbeat-" + UUID.randomUUID(), callState.url(),
        "--switchboard.gateway.ws.heartbeat-interval=1s",
        "--switchboard.gateway.ws.heartbeat-timeout=2500ms",
        "--switchboard.gateway.ws.presence-grace=1s"));
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  void stop() {
    context.close();
    callState.close();
  }

  private double timeouts() {
    return context.getBean(MeterRegistry.class).counter("switchboard.ws.heartbeat.timeouts").count();
  }

  @Test
  void clientsThatAnswerPingsStayConnectedPastTheTimeout() {
    try (AgentSocket browser = AgentSocket.connect(port, issuer.agentToken(tenant, "browser"));
         PingSocket answering = new PingSocket(port, issuer.agentToken(tenant, "answering"), true)) {
      browser.awaitReady();
      answering.awaitText();

      // Five pings are five intervals, twice the timeout: a session that did not answer would be closed by now.
      Poll.until(TestGateway.TIMEOUT, "five pings", () -> answering.pings() >= 5 ? Boolean.TRUE : null);

      assertThat(answering.closeStatus()).isNull();
      assertThat(browser.closedByServer()).isFalse();
      browser.awaitReady();
      // The only call:error is the answer to its first, unknown, frame: none for its pongs.
      assertThat(answering.texts()).filteredOn(text -> text.contains("call:error")).singleElement()
          .satisfies(text -> assertThat(text).contains("'ready'"));
    }
  }

  @Test
  void aClientThatStopsAnsweringIsClosedAndItsAgentGoesOffline() {
    try (EventLog<AgentEvent> agents = EventLog.of(Topics.AGENT_EVENTS);
         PingSocket dead = new PingSocket(port, issuer.agentToken(tenant, "dead"), false)) {
      double before = timeouts();
      dead.awaitText();

      WebSocketCloseStatus status = Poll.until(TestGateway.TIMEOUT, "the server's close", dead::closeStatus);

      assertThat(status.code()).isEqualTo(1001);
      assertThat(status.reasonText()).isEqualTo("no heartbeat for PT2.5S");
      assertThat(dead.pings()).isGreaterThanOrEqualTo(1);
      assertThat(timeouts()).isGreaterThan(before);
      AgentStatusChanged offline = (AgentStatusChanged) agents.await(e -> e.getTenantId().equals(tenant)
          && e.getAgentId().equals("dead") && e.getPayload() instanceof AgentStatusChanged changed
          && changed.getStatus() == AgentStatus.OFFLINE, TestGateway.TIMEOUT).getPayload();
      assertThat(offline.getReason()).contains("page was gone");
    }
  }

  @Test
  void aClientsPingGetsItsPongAndItsPongsNoCallError() {
    try (PingSocket client = new PingSocket(port, issuer.agentToken(tenant, "pinger"), true)) {
      client.awaitText();

      client.send(new PingWebSocketFrame(Unpooled.copiedBuffer("are you there", StandardCharsets.UTF_8)));
      client.send(new PongWebSocketFrame(Unpooled.copiedBuffer("unsolicited", StandardCharsets.UTF_8)));

      Poll.until(TestGateway.TIMEOUT, "the pong", () -> client.pongs().contains("are you there") ? Boolean.TRUE : null);
      // Text after the control frames: its answer comes after anything they could have caused.
      client.send(new TextWebSocketFrame("{\"type\":\"after-control\",\"data\":{}}"));
      Poll.until(TestGateway.TIMEOUT, "the answer to the text frame",
          () -> client.texts().stream().anyMatch(text -> text.contains("after-control")) ? Boolean.TRUE : null);
      assertThat(client.texts()).filteredOn(text -> text.contains("call:error")).hasSize(2)
          .allMatch(text -> text.contains("'ready'") || text.contains("'after-control'"));
      assertThat(client.closeStatus()).isNull();
    }
  }

  /**
   * A Reactor Netty client that handles pings itself ({@code handlePing(true)}): it counts them, and
   * answers them only if told to, so that it can play a peer whose network is gone.
   */
  private static final class PingSocket implements AutoCloseable {

    private final Sinks.Many<WebSocketFrame> toServer = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicInteger pings = new AtomicInteger();
    private final List<String> pongs = new CopyOnWriteArrayList<>();
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private volatile WebSocketCloseStatus closeStatus;
    private final Disposable connection;

    PingSocket(int port, String token, boolean answersPings) {
      connection = HttpClient.create()
          .websocket(WebsocketClientSpec.builder().protocols("switchboard.v1,bearer." + token).handlePing(true).build())
          .uri("ws://127.0.0.1:" + port + "/ws")
          .handle((in, out) -> {
            in.receiveCloseStatus().subscribe(status -> closeStatus = status);
            in.receiveFrames().subscribe(frame -> {
              if (frame instanceof PingWebSocketFrame) {
                pings.incrementAndGet();
                if (answersPings) {
                  send(new PongWebSocketFrame(Unpooled.copiedBuffer(ByteBufUtil.getBytes(frame.content()))));
                }
              } else if (frame instanceof PongWebSocketFrame) {
                pongs.add(frame.content().toString(StandardCharsets.UTF_8));
              } else if (frame instanceof TextWebSocketFrame text) {
                texts.add(text.text());
              }
            });
            return out.sendObject(toServer.asFlux()).neverComplete();
          })
          .subscribe();
      send(new TextWebSocketFrame("{\"type\":\"ready\",\"data\":{}}"));
    }

    synchronized void send(WebSocketFrame frame) {
      toServer.tryEmitNext(frame);
    }

    /** Waits for the answer to the first frame: the session is open and registered. */
    void awaitText() {
      Poll.until(TestGateway.TIMEOUT, "a text frame from the gateway", () -> texts.isEmpty() ? null : Boolean.TRUE);
    }

    int pings() {
      return pings.get();
    }

    List<String> pongs() {
      return List.copyOf(pongs);
    }

    List<String> texts() {
      return List.copyOf(texts);
    }

    /** The close frame the server sent, or null while open. */
    WebSocketCloseStatus closeStatus() {
      return closeStatus;
    }

    @Override
    public void close() {
      if (closeStatus == null) {
        send(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
      }
      connection.dispose();
    }
  }
}
