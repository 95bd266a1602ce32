package io.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.standalone.GatewayRequests.Answer;
import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

  @BeforeAll
  static void startStack() throws IOException {
    Path dataDir = Files.createTempDirectory("switchboard-sip-trunk-it");
    settings = TestPorts.settings(dataDir);
    stack = StandaloneStack.start(settings);
    gateway = new GatewayRequests(settings, WAIT);
    admin = new Logins(settings).adminToken();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
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
