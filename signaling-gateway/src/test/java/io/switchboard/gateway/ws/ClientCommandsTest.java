package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import io.switchboard.gateway.security.CallerClaims;
import io.switchboard.gateway.security.SecurityProperties;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

class ClientCommandsTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final OfferBook offers = new OfferBook();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  /** Decodes "good-<agent>" as that agent's token of acme, valid for an hour; anything else is invalid. */
  private final ReactiveJwtDecoder decoder = token -> token.startsWith("good-")
      ? Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("user-" + token.substring(5))
          .claim("tenant", "acme").claim("roles", List.of("agent")).claim("agent_id", token.substring(5))
          .issuedAt(NOW).expiresAt(NOW.plusSeconds(3600)).build())
      : Mono.error(new BadJwtException("Signed JWT rejected: Invalid signature"));
  private final ClientCommands commands = new ClientCommands(new Frames(FrameCollector.JSON), offers,
      new EventFactory(clock, "gw-1"), publisher,
      new SessionTokens(decoder, new CallerClaims(new SecurityProperties.Claims("tenant", "roles", "agent_id"))), clock,
      new PartyCommands(new Frames(FrameCollector.JSON), null, (caller, callId) -> Mono.empty(),
          new EventFactory(clock, "gw-1"), publisher), null, null);
  private final AgentSession session = new AgentSession("s1", FrameCollector.agent("acme", "a1"), 64);
  private final FrameCollector client = new FrameCollector(session);

  private void send(String frame) {
    commands.handle(session, frame).as(StepVerifier::create).verifyComplete();
  }

  private void offer(String callId, String reservationId, Instant expiresAt) {
    offers.put("acme", new OfferBook.Offer(callId, "a1", reservationId, expiresAt, false));
  }

  private String lastError() {
    JsonNode frame = client.last();
    assertThat(frame.get("type").stringValue()).isEqualTo("call:error");
    return frame.get("data").get("message").stringValue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[1,2]", "{\"data\":{}}", "{\"type\":\"call:accept\",\"data\":\"x\"}", "{\"type\":7}"})
  void malformedFramesAreAnsweredWithAnError(String frame) {
    send(frame);
    assertThat(lastError()).isNotBlank();
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void unknownTypesAreNamedInTheError() {
    send("{\"type\":\"call:teleport\",\"data\":{}}");
    assertThat(lastError()).contains("call:teleport");
  }

  @Test
  void designedButUnbuiltTypesAreNotSupportedYet() {
    for (String type : ClientCommands.NOT_YET) {
      send("{\"type\":\"" + type + "\",\"data\":{\"callId\":\"k1\"}}");
      assertThat(lastError()).isEqualTo(type + " is not supported yet");
    }
  }

  @Test
  void acceptingAnOfferedCallPublishesCallAnsweredWithItsReservation() {
    offer("k1", "r-9", NOW.plusSeconds(10));
    send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"k1\"}}");

    assertThat(publisher.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.topic()).isEqualTo("call.events");
      assertThat(sent.key()).isEqualTo("k1");
      CallEvent event = (CallEvent) sent.value();
      assertThat(event.getTenantId()).isEqualTo("acme");
      assertThat(event.getSource()).isEqualTo("gw-1");
      assertThat(event.getPayload()).isEqualTo(new CallAnswered("a1", "r-9"));
    });
    assertThat(offers.find("acme", "k1", "a1")).hasValueSatisfying(o -> assertThat(o.answered()).isTrue());
    assertThat(client.frames()).isEmpty();
  }

  @Test
  void acceptingACallNotOfferedToThisAgentIsRefused() {
    offers.put("acme", new OfferBook.Offer("k1", "someone-else", "r-1", NOW.plusSeconds(10), false));
    send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"k1\"}}");
    assertThat(lastError()).isEqualTo("Call k1 was not offered to you");
    assertThat(client.last().get("data").get("callId").stringValue()).isEqualTo("k1");
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void acceptingAnExpiredOfferIsRefused() {
    offer("k1", "r-1", NOW.minusSeconds(1));
    send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"k1\"}}");
    assertThat(lastError()).contains("expired");
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aMissingCallIdIsRefused() {
    send("{\"type\":\"call:accept\",\"data\":{}}");
    assertThat(lastError()).contains("callId");
  }

  @Test
  void decliningPublishesCallDeclinedAndForgetsTheOffer() {
    offer("k1", "r-2", NOW.plusSeconds(10));
    send("{\"type\":\"call:decline\",\"data\":{\"callId\":\"k1\",\"reason\":\"busy\"}}");
    assertThat(((CallEvent) publisher.sent().get(0).value()).getPayload())
        .isEqualTo(new CallDeclined("a1", "r-2", "busy"));
    assertThat(offers.find("acme", "k1", "a1")).isEmpty();
  }

  @Test
  void endingIsForCallsThisAgentAnswered() {
    offer("k1", "r-3", NOW.plusSeconds(10));
    send("{\"type\":\"call:end\",\"data\":{\"callId\":\"k1\"}}");
    assertThat(lastError()).contains("not connected");
    assertThat(publisher.sent()).isEmpty();

    send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"k1\"}}");
    send("{\"type\":\"call:end\",\"data\":{\"callId\":\"k1\",\"reason\":\"done\"}}");
    assertThat(((CallEvent) publisher.sent().get(1).value()).getPayload())
        .isEqualTo(new CallEnded(CallOutcome.ENDED, "done", "a1"));
  }

  @Test
  void aPublishFailureIsReportedToTheClient() {
    offer("k1", "r-4", NOW.plusSeconds(10));
    publisher.failing(true);
    send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"k1\"}}");
    assertThat(lastError()).startsWith("Could not call:accept call k1");
    assertThat(offers.find("acme", "k1", "a1")).hasValueSatisfying(o -> assertThat(o.answered()).isFalse());
  }

  @Test
  void aRefreshWithANewTokenOfTheSameAgentMovesTheDeadline() {
    send("{\"type\":\"auth:refresh\",\"data\":{\"token\":\"good-a1\"}}");
    JsonNode frame = client.last();
    assertThat(frame.get("type").stringValue()).isEqualTo("auth:refreshed");
    assertThat(frame.get("data").get("expiresAt").stringValue()).isEqualTo(NOW.plusSeconds(3600).toString());
  }

  @Test
  void aRefreshWithAnotherAgentsOrAnInvalidTokenIsRefused() {
    send("{\"type\":\"auth:refresh\",\"data\":{\"token\":\"good-a2\"}}");
    assertThat(lastError()).isEqualTo("The new token is for another tenant, user or agent");
    send("{\"type\":\"auth:refresh\",\"data\":{\"token\":\"forged\"}}");
    assertThat(lastError()).startsWith("The new token is not valid: ").contains("Invalid signature");
    send("{\"type\":\"auth:refresh\",\"data\":{}}");
    assertThat(lastError()).isEqualTo("auth:refresh needs a token");
  }
}
