package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.SdpOffer;
import io.switchboard.schemas.avro.SignalingMessage;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.TestIssuer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebRTC signaling between the two parties of an answered call, each on another gateway instance:
 * the shared test gateway and a second one on the same broker, issuer and call-state stand-in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalingIT {

  static final String OFFER_SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=sendrecv\r\n";
  static final String ANSWER_SDP = OFFER_SDP.replace("4611731400430051336", "1234");
  static final String CANDIDATE = "candidate:842163049 1 udp 1677729535 127.0.0.1 50000 typ host generation 0";

  private final TestGateway one = TestGateway.shared();
  private final TestIssuer issuer = one.issuer;
  private final String tenant = "sig-" + UUID.randomUUID().toString().substring(0, 8);
  private ConfigurableApplicationContext twoContext;
  private int two;

  @BeforeAll
  void secondInstance() {
    twoContext = TestGateway.start(TestGateway.args("gateway-it-two-" + UUID.randomUUID(), one.callState.url()));
    two = Integer.parseInt(twoContext.getEnvironment().getProperty("local.server.port"));
    TestGateway.awaitAssigned(client(two, issuer.token("ops", "ops-admin", "admin")));
  }

  @AfterAll
  void stop() {
    twoContext.close();
  }

  private WebTestClient client(int port, String token) {
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TestGateway.TIMEOUT)
        .defaultHeaders(headers -> headers.setBearerAuth(token)).build();
  }

  private String answeredCall(String agentId, String customerId) {
    String callId = "call-" + UUID.randomUUID();
    one.callState.put(tenant, callId, "CONNECTED", agentId, customerId);
    return callId;
  }

  private static String frame(String type, String callId, Map<String, Object> data) {
    StringBuilder json = new StringBuilder("{\"type\":\"" + type + "\",\"data\":{\"callId\":\"" + callId + "\"");
    data.forEach((name, value) -> json.append(",\"").append(name).append("\":")
        .append(value instanceof String text ? JsonText.quote(text) : String.valueOf(value)));
    return json.append("}}").toString();
  }

  @Test
  void aCustomerOnOneInstanceAndTheAgentOnTheOtherCompleteTheOfferAnswerAndCandidates() {
    String callId = answeredCall("a1", "c-1");
    try (AgentSocket customer = AgentSocket.connect(one.port, issuer.token(tenant, "c-1", "customer"));
         AgentSocket agent = AgentSocket.connect(two, issuer.agentToken(tenant, "a1"))) {
      customer.awaitReady();
      agent.awaitReady();

      customer.send(frame("webrtc:offer", callId, Map.of("sdp", OFFER_SDP)));
      JsonNode offer = agent.await("webrtc:offer", data -> data.path("callId").stringValue("").equals(callId));
      assertThat(offer.path("sdp").stringValue()).isEqualTo(OFFER_SDP);
      assertThat(offer.path("from").stringValue()).isEqualTo("customer:c-1");
      assertThat(offer.path("eventId").stringValue()).isNotBlank();

      agent.send(frame("webrtc:answer", callId, Map.of("sdp", ANSWER_SDP)));
      JsonNode answer = customer.await("webrtc:answer", data -> data.path("callId").stringValue("").equals(callId));
      assertThat(answer.path("sdp").stringValue()).isEqualTo(ANSWER_SDP);
      assertThat(answer.path("from").stringValue()).isEqualTo("agent:a1");

      customer.send(frame("webrtc:ice_candidate", callId, Map.of("candidate", CANDIDATE, "sdpMid", "0",
          "sdpMLineIndex", 0)));
      agent.send(frame("webrtc:ice_candidate", callId, Map.of("candidate", CANDIDATE.replace("50000", "50002"),
          "sdpMid", "0", "sdpMLineIndex", 0)));
      agent.send(frame("webrtc:ice_candidate", callId, Map.of("candidate", "")));
      JsonNode toAgent = agent.await("webrtc:ice_candidate", data -> data.path("callId").stringValue("").equals(callId));
      assertThat(toAgent.path("candidate").stringValue()).isEqualTo(CANDIDATE);
      assertThat(toAgent.path("sdpMid").stringValue()).isEqualTo("0");
      assertThat(toAgent.path("sdpMLineIndex").intValue()).isZero();
      JsonNode toCustomer = customer.await("webrtc:ice_candidate",
          data -> data.path("candidate").stringValue("").contains("50002"));
      assertThat(toCustomer.path("from").stringValue()).isEqualTo("agent:a1");
      customer.await("webrtc:ice_candidate", data -> data.path("candidate").stringValue("x").isEmpty());

      // Each side received only what the other sent: nothing echoed back to its sender.
      assertThat(customer.received()).noneMatch(f -> f.path("type").stringValue("").equals("webrtc:offer"));
      assertThat(agent.received()).noneMatch(f -> f.path("type").stringValue("").equals("webrtc:answer"));
      assertThat(customer.received()).noneMatch(f -> f.path("type").stringValue("").equals("call:error")
          && f.path("data").path("callId").stringValue("").equals(callId));
      assertThat(agent.received()).noneMatch(f -> f.path("type").stringValue("").equals("call:error")
          && f.path("data").path("callId").stringValue("").equals(callId));
    }
  }

  @Test
  void restSignalingReachesTheOtherPartysWebSocketOnceEvenWhenRetried() {
    String callId = answeredCall("a1", "c-1");
    String customerToken = issuer.token(tenant, "c-1", "customer");
    String agentToken = issuer.agentToken(tenant, "a1");
    try (AgentSocket customer = AgentSocket.connect(two, customerToken);
         AgentSocket agent = AgentSocket.connect(one.port, agentToken)) {
      customer.awaitReady();
      agent.awaitReady();
      String eventId = UUID.randomUUID().toString();

      for (int attempt = 0; attempt < 2; attempt++) {
        client(two, customerToken).post().uri("/api/v1/calls/" + callId + "/webrtc/offer")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("sdp", OFFER_SDP, "eventId", eventId))
            .exchange().expectStatus().isAccepted()
            .expectBody().jsonPath("$.eventId").isEqualTo(eventId)
            .jsonPath("$.from").isEqualTo("customer:c-1").jsonPath("$.to").isEqualTo("agent:a1");
      }
      client(one.port, agentToken).post().uri("/api/v1/calls/" + callId + "/webrtc/answer")
          .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("sdp", ANSWER_SDP))
          .exchange().expectStatus().isAccepted();
      client(one.port, agentToken).post().uri("/api/v1/calls/" + callId + "/webrtc/ice-candidate")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("candidate", CANDIDATE, "sdpMid", "0", "sdpMLineIndex", 0))
          .exchange().expectStatus().isAccepted();
      String marker = UUID.randomUUID().toString();
      client(two, customerToken).post().uri("/api/v1/calls/" + callId + "/webrtc/ice-candidate")
          .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("candidate", CANDIDATE, "eventId", marker))
          .exchange().expectStatus().isAccepted();

      customer.await("webrtc:answer", data -> data.path("sdp").stringValue("").equals(ANSWER_SDP));
      customer.await("webrtc:ice_candidate", data -> data.path("candidate").stringValue("").equals(CANDIDATE));
      // The same partition carries both: once the later message is in, the retried offer had its chance.
      agent.await("webrtc:ice_candidate", data -> data.path("eventId").stringValue("").equals(marker));
      assertThat(agent.received()).filteredOn(f -> f.path("type").stringValue("").equals("webrtc:offer"))
          .singleElement().satisfies(f -> assertThat(f.path("data").path("eventId").stringValue()).isEqualTo(eventId));
    }
    try (EventLog<SignalingMessage> log = EventLog.of(Topics.SIGNALING)) {
      // Both attempts are on the topic; the receiving instance delivered the event id once.
      assertThat(log.awaitAll(m -> m.getCallId().equals(callId) && m.getPayload() instanceof SdpOffer, 2, TestGateway.TIMEOUT)).allSatisfy(m -> {
            assertThat(m.getTenantId()).isEqualTo(tenant);
            assertThat(m.getFrom()).isEqualTo("customer:c-1");
            assertThat(m.getTo()).isEqualTo("agent:a1");
          });
    }
  }

  @Test
  void onlyTheCallsOwnPartiesMaySignalOnIt() {
    String callId = answeredCall("a1", "c-1");
    String path = "/api/v1/calls/" + callId + "/webrtc/offer";
    Map<String, String> body = Map.of("sdp", OFFER_SDP);
    Map<String, Integer> expected = Map.of(
        issuer.agentToken(tenant, "a2"), 404,                       // another agent of the tenant
        issuer.token(tenant, "c-2", "customer"), 404,               // another customer
        issuer.token("other-" + tenant, "c-1", "customer"), 404,    // the same names in another tenant
        issuer.agentToken("other-" + tenant, "a1"), 404,
        issuer.token(tenant, "sup", "supervisor"), 403,             // roles that never signal
        issuer.token(tenant, "adm", "admin"), 403);
    expected.forEach((token, status) -> client(one.port, token).post().uri(path)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isEqualTo(status));
    client(one.port, issuer.token(tenant, "c-1", "customer")).post().uri("/api/v1/calls/no-such-call/webrtc/offer")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isNotFound();
    one.anonymous().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .exchange().expectStatus().isUnauthorized();

    // Over the WebSocket the same refusals are call:error, and the other party gets nothing.
    try (AgentSocket owner = AgentSocket.connect(two, issuer.agentToken(tenant, "a1"));
         AgentSocket stranger = AgentSocket.connect(one.port, issuer.token(tenant, "c-2", "customer"))) {
      owner.awaitReady();
      stranger.awaitReady();
      stranger.send(frame("webrtc:offer", callId, Map.of("sdp", OFFER_SDP)));
      JsonNode error = stranger.await("call:error", data -> data.path("callId").stringValue("").equals(callId));
      assertThat(error.path("message").stringValue()).contains("not found");
      owner.awaitReady();
      assertThat(owner.received()).noneMatch(f -> f.path("type").stringValue("").startsWith("webrtc:"));
    }
  }

  @Test
  void badMessagesAndCallsNotAnsweredAreRefused() {
    String callId = answeredCall("a1", "c-1");
    String customer = issuer.token(tenant, "c-1", "customer");
    Map<String, Map<String, Object>> bad = Map.of(
        "offer", Map.of("sdp", "hello"),
        "answer", Map.of("sdp", "v=0\r\n" + "a=x\r\n".repeat(7000)),
        "ice-candidate", Map.of("candidate", "not a candidate"));
    bad.forEach((kind, body) -> client(one.port, customer).post().uri("/api/v1/calls/" + callId + "/webrtc/" + kind)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isBadRequest()
        .expectBody().jsonPath("$.message").isNotEmpty());
    client(one.port, customer).post().uri("/api/v1/calls/" + callId + "/webrtc/offer")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("sdp", OFFER_SDP, "eventId", "not-a-uuid"))
        .exchange().expectStatus().isBadRequest();
    client(one.port, customer).post().uri("/api/v1/calls/" + callId + "/webrtc/ice-candidate")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("candidate", CANDIDATE, "sdpMLineIndex", -1))
        .exchange().expectStatus().isBadRequest();

    String waiting = "call-" + UUID.randomUUID();
    one.callState.put(tenant, waiting, "QUEUED", "a1", "c-1");
    client(one.port, customer).post().uri("/api/v1/calls/" + waiting + "/webrtc/offer")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("sdp", OFFER_SDP))
        .exchange().expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.message").value(message -> assertThat((String) message).contains("QUEUED"));
  }

  /** JSON string quoting for the frames these tests write by hand. */
  static final class JsonText {
    static String quote(String text) {
      return JsonMapper.builder().build().writeValueAsString(text);
    }
  }
}
