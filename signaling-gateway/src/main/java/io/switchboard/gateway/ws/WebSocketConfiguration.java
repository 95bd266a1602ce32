package io.switchboard.gateway.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.call.CallControl;
import io.switchboard.gateway.call.CallParties;
import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.SwitchboardProperties;
import io.switchboard.schemas.avro.SessionPresence;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.ratelimit.RateLimitProperties;
import io.switchboard.gateway.security.CallerClaims;
import io.switchboard.gateway.signaling.Signals;
import io.switchboard.gateway.web.RequestLimitsProperties;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

/** The agents' and customers' WebSocket at {@code /ws}, with its sessions and the notifications fed from Kafka. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSocketProperties.class)
class WebSocketConfiguration {

  @Bean
  SessionRegistry sessionRegistry() {
    return new SessionRegistry();
  }

  /** One sweep per interval over every session: pings, and closes the silent ones. */
  @Bean
  Heartbeats heartbeats(SessionRegistry sessions, Clock clock, WebSocketProperties properties, MeterRegistry meters) {
    return new Heartbeats(sessions, clock, properties.heartbeatInterval(), properties.heartbeatTimeout(), meters);
  }

  @Bean
  OfferBook offerBook() {
    return new OfferBook();
  }

  @Bean
  Frames frames(JsonMapper json, RequestLimitsProperties limits) {
    return new Frames(json, (int) limits.maxFrameSize().toBytes());
  }

  /**
   * Frames over {@code limits.max-frame-size} close the session with 1009: Netty refuses them before
   * they are buffered.
   */
  @Bean
  WebFluxConfigurer webSocketFrameLimit(RequestLimitsProperties limits) {
    int maxBytes = (int) limits.maxFrameSize().toBytes();
    return new WebFluxConfigurer() {
      @Override
      public WebSocketService getWebSocketService() {
        return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
            () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxBytes)));
      }
    };
  }

  @Bean
  AgentNotifier agentNotifier(SessionRegistry sessions, OfferBook offers, Frames frames, Clock clock,
      WebSocketProperties properties, Presence presence) {
    return new AgentNotifier(sessions, offers, frames, clock, properties.offerGrace(), presence);
  }

  @Bean
  CustomerCalls customerCalls() {
    return new CustomerCalls(CustomerCalls.REMEMBERED);
  }

  @Bean
  PresenceTable presenceTable() {
    return new PresenceTable();
  }

  /** The catalogue topics must exist before it looks up the partitions of presence. */
  @Bean
  @DependsOn("catalogueTopics")
  CompactedTopicReader<SessionPresence> presenceReader(SwitchboardProperties properties, PresenceTable table,
      MeterRegistry meters) {
    return new CompactedTopicReader<>(CompactedTopicReader.config(properties, Topics.PRESENCE), Topics.PRESENCE,
        table, meters);
  }

  @Bean
  Presence presence(SessionRegistry sessions, PresenceTable table, OfferBook offers, CustomerCalls customerCalls,
      CallParties parties, EventFactory events, EventPublisher publisher, Clock clock,
      SwitchboardProperties switchboard, WebSocketProperties properties) {
    return new Presence(sessions, table, offers, customerCalls, parties, events, publisher, clock,
        switchboard.instanceId(), properties.presenceGrace());
  }

  @Bean
  SessionTokens sessionTokens(ReactiveJwtDecoder decoder, CallerClaims claims) {
    return new SessionTokens(decoder, claims);
  }

  @Bean
  ClientCommands clientCommands(Frames frames, OfferBook offers, EventFactory events, EventPublisher publisher,
      SessionTokens tokens, Clock clock, Signals signals, CallParties parties, CallControl control,
      MeterRegistry meters) {
    return new ClientCommands(frames, offers, events, publisher, tokens, clock,
        new PartyCommands(frames, signals, parties, events, publisher), new CallCommands(frames, control),
        new QualityCommands(frames, parties, events, publisher, clock, meters));
  }

  @Bean
  SignalingNotifier signalingNotifier(SessionRegistry sessions, Frames frames) {
    return new SignalingNotifier(sessions, frames);
  }

  @Bean
  CustomerNotifier customerNotifier(SessionRegistry sessions, Frames frames, CustomerCalls calls,
      QueueStatsTable queueStats, Clock clock) {
    return new CustomerNotifier(sessions, frames, calls, queueStats, clock);
  }

  @Bean
  ParticipantNotifier participantNotifier(SessionRegistry sessions, Frames frames) {
    return new ParticipantNotifier(sessions, frames, new CallRoster(CallRoster.REMEMBERED));
  }

  @Bean
  HandlerMapping webSocketMapping(SessionRegistry sessions, ClientCommands commands, SessionTokens tokens,
      Frames frames, Clock clock, WebSocketProperties properties, RateLimitProperties rateLimits, Presence presence,
      AgentNotifier notifier, QueueStatsPush queueStats) {
    AgentSocketHandler handler = new AgentSocketHandler(sessions, commands, tokens, frames, clock,
        properties.sendBuffer(), rateLimits.enabled() ? rateLimits.wsMessages() : null, presence, notifier,
        queueStats);
    return new SimpleUrlHandlerMapping(Map.of("/ws", handler), Ordered.HIGHEST_PRECEDENCE);
  }
}
