package io.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.standalone.GatewayRequests.Answer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.LoopbackPorts;
import io.switchboard.testsupport.Sipp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A trunk and a number created through the gateway's admin API are what the media bridge routes by,
 * in the standalone stack: before them an INVITE from loopback is refused 403, after them it is
 * queued (183) in the number's queue with the trunk's attributes, an unknown number is a 404, and
 * once the trunk is deleted the bridge refuses again.
 */
class SipTrunkIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration ANSWER = Duration.ofSeconds(10);

  private static StandaloneSettings settings;
  private static StandaloneStack stack;
  private static GatewayRequests gateway;
  private static String admin;

  private static final String PASSWORD = "correct-horse-battery";

  @TempDir static Path work;

  @BeforeAll
  static void startStack() throws IOException {
    // SIPp 3.6 answers only the first challenge, and only with MD5; its desk phones have no desk page.
    System.setProperty("switchboard.media.sip.registrar.algorithms", "MD5");
    System.setProperty("switchboard.media.sip.registrar.available-on-register", "true");
    Path dataDir = Files.createTempDirectory("switchboard-sip-trunk-it");
    settings = TestPorts.settings(dataDir);
    stack = StandaloneStack.start(settings);
    gateway = new GatewayRequests(settings, WAIT);
    admin = new Logins(settings).adminToken();
  }

  @AfterAll
  static void stopStack() {
    System.clearProperty("switchboard.media.sip.registrar.algorithms");
    System.clearProperty("switchboard.media.sip.registrar.available-on-register");
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * The end-to-end run through the whole stack: two SIPp desk phones get SIP accounts from the
   * admin API and register with digest (which signs their agents in), five SIPp calls come in over a
   * loopback trunk to a number's queue, split 3/2 with RTP echoed back, and every call is in the
   * history as ENDED and in the queue report as offered and answered.
   */
  @Test
  void sippPhonesAndCallersThroughTheStackShowInHistoryAndTheQueueReport() throws Exception {
    String target = "127.0.0.1:" + settings.sipPort();
    Instant from = Instant.now().minusSeconds(60);
    assertThat(gateway.answer(admin, "PUT", "/api/v1/sip-trunks/sipp-carrier",
        Map.of("direction", "INBOUND", "trustedSources", List.of("127.0.0.1"))).status()).isIn(200, 201);
    assertThat(gateway.answer(admin, "PUT", "/api/v1/sip-numbers/200", Map.of("queue", "sipp")).status())
        .isIn(200, 201);
    try (Sipp sipp = new Sipp(work)) {
      for (String desk : List.of("desk1", "desk2")) {
        Answer account = gateway.answer(admin, "PUT", "/api/v1/agents/sipp-" + desk + "/sip-account",
            Map.of("username", desk, "password", PASSWORD, "queues", List.of("sipp")));
        assertThat(account.status()).as("SIP account of %s: %s", desk, account.body()).isIn(200, 201);
        String realm = account.body().path("realm").asString();
        int port = LoopbackPorts.udpAndTcp();
        Poll.until(WAIT, desk + "'s account reaches the registrar", () -> {
          try {
            sipp.register(target, realm, desk, PASSWORD, port);
            return true;
          } catch (AssertionError notYet) {
            return null;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        sipp.answerCalls(target, desk, port, LoopbackPorts.udpAndTcp());
      }
      Poll.until(WAIT, "both desk agents available", () -> {
        JsonNode agents = gateway.answer(admin, "GET", "/api/v1/agents?queue=sipp", null).body().path("agents");
        long available = 0;
        for (JsonNode agent : agents) {
          available += "AVAILABLE".equals(agent.path("status").asString("")) ? 1 : 0;
        }
        return available == 2 ? true : null;
      });

      sipp.call(target, "200", 5, 2000, LoopbackPorts.udpAndTcp(), LoopbackPorts.udpAndTcp(), Duration.ofSeconds(120));
    }

    JsonNode history = Poll.until(WAIT, "five ended calls in the history", () -> {
      JsonNode items = gateway.answer(admin, "GET", "/api/v1/calls?queue=sipp&state=ENDED&limit=50", null)
          .body().path("items");
      return items.size() == 5 ? items : null;
    });
    Map<String, Integer> perAgent = new java.util.TreeMap<>();
    for (JsonNode call : history) {
      assertThat(call.path("channel").asString()).isEqualTo("SIP");
      assertThat(call.path("outcome").asString()).isEqualTo("ENDED");
      perAgent.merge(call.path("agentId").asString(), 1, Integer::sum);
    }
    assertThat(perAgent.values()).as("calls per agent: %s", perAgent).containsExactlyInAnyOrder(3, 2);
    JsonNode report = gateway.answer(admin, "GET", "/api/v1/reports/queues?queue=sipp&interval=1d&from="
        + from.toString().replace("+", "%2B") + "&to=" + Instant.now().plusSeconds(60), null).body().path("rows");
    long offered = 0;
    long answered = 0;
    for (JsonNode row : report) {
      offered += row.path("offered").asLong();
      answered += row.path("answered").asLong();
    }
    assertThat(offered).as("queue report: %s", report).isEqualTo(5);
    assertThat(answered).isEqualTo(5);
    assertThat(gateway.answer(admin, "DELETE", "/api/v1/sip-trunks/sipp-carrier", null).status()).isEqualTo(204);
    assertThat(gateway.answer(admin, "DELETE", "/api/v1/sip-numbers/200", null).status()).isEqualTo(204);
  }

  @Test
  void aLoopbackTrunkAndANumberFromTheAdminApiLetACallerIntoTheQueue() throws Exception {
    try (TrunkCaller carrier = new TrunkCaller(settings.sipPort())) {
      assertThat(carrier.invite("100", ANSWER)).extracting(TrunkCaller.Answer::status, TrunkCaller.Answer::reason)
          .containsExactly(403, "No trunk trusts 127.0.0.1");

      assertThat(gateway.answer(admin, "PUT", "/api/v1/sip-trunks/loopback",
          Map.of("direction", "INBOUND", "trustedSources", List.of("127.0.0.1"))).status()).isEqualTo(201);
      assertThat(gateway.answer(admin, "PUT", "/api/v1/sip-numbers/100", Map.of("queue", "support")).status())
          .isEqualTo(201);

      TrunkCaller.Answer queued = Poll.until(WAIT, "the bridge to route by the trunk and number", () -> {
        TrunkCaller.Answer answer = carrier.invite("100", ANSWER);
        return answer.status() == 183 ? answer : null;
      });
      assertThat(queued.reason()).isEqualToIgnoringCase("Session Progress");
      JsonNode call = Poll.until(WAIT, "the queued call in call-state", () -> {
        Answer calls = gateway.answer(admin, "GET", "/api/v1/calls/active?queue=support", null);
        for (JsonNode each : calls.body()) {
          if ("loopback".equals(each.path("attributes").path("trunk").asString(""))) {
            return each;
          }
        }
        return null;
      });
      assertThat(call.path("queue").asString()).isEqualTo("support");
      assertThat(call.path("channel").asString()).isEqualTo("SIP");
      assertThat(call.path("attributes").path("dialedNumber").asString()).isEqualTo("100");
      carrier.cancel();

      assertThat(carrier.invite("555", ANSWER)).extracting(TrunkCaller.Answer::status, TrunkCaller.Answer::reason)
          .containsExactly(404, "No queue for number 555");

      assertThat(gateway.answer(admin, "DELETE", "/api/v1/sip-trunks/loopback", null).status()).isEqualTo(204);
      TrunkCaller.Answer refused = Poll.until(WAIT, "the bridge to forget the trunk", () -> {
        TrunkCaller.Answer answer = carrier.invite("100", ANSWER);
        if (answer.status() == 183) {
          carrier.cancel();
        }
        return answer.status() == 403 ? answer : null;
      });
      assertThat(refused.reason()).isEqualTo("No trunk trusts 127.0.0.1");
    }
  }
}
