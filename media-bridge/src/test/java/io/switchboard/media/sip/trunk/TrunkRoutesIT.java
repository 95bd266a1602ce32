package io.switchboard.media.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.call.InboundRoutes;
import io.switchboard.media.sip.call.InboundRoutes.Accepted;
import io.switchboard.media.sip.call.InboundRoutes.Refused;
import io.switchboard.media.sip.registrar.DigestAlgorithm;
import io.switchboard.schemas.avro.SipNumber;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.SipTrunkDirection;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedKafka;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sip.header.ProxyAuthenticateHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running bridge's InboundRoutes and OutboundTrunks, fed by sip.trunks and sip.numbers on the shared
 * broker: records written before start-up are there when it is up, later ones and tombstones arrive.
 */
class TrunkRoutesIT {

  static final Duration ARRIVAL = Duration.ofSeconds(20);
  private static final String TENANT = "trk-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";
  private static final InetSocketAddress CARRIER = new InetSocketAddress("192.0.2.10", 5060);
  private static final InetSocketAddress PBX = new InetSocketAddress("198.51.100.20", 5060);

  private static ConfigurableApplicationContext bridge;
  private static InboundRoutes routes;

  @BeforeAll
  static void trunkThenBridge() {
    SharedKafka.createTopics(List.of(Topics.SIP_TRUNKS, Topics.SIP_NUMBERS));
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.SIP_TRUNKS, TENANT + "/carrier", trunk("carrier", SipTrunkDirection.BOTH)
          .setTrustedSources(List.of("192.0.2.0/24")).setOutboundHost("sip.carrier.example")
          .setOutboundPort(5080).setOutboundUsername("acct").setOutboundPassword("out-pass").build());
      producer.send(Topics.SIP_NUMBERS, TENANT + "/4930123456", number("4930123456", "support"));
    }
    bridge = TestBridge.start(FreePorts.udpAndTcp(), "--switchboard.instance-id=bridge-" + TENANT);
    routes = bridge.getBean(InboundRoutes.class);
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  static SipTrunk.Builder trunk(String trunkId, SipTrunkDirection direction) {
    return SipTrunk.newBuilder().setEventId(UUID.randomUUID()).setTenantId(TENANT).setOccurredAt(Instant.now())
        .setSource("trunk-it").setTrunkId(trunkId).setDirection(direction);
  }

  static SipNumber number(String number, String queue) {
    return SipNumber.newBuilder().setEventId(UUID.randomUUID()).setTenantId(TENANT).setOccurredAt(Instant.now())
        .setSource("trunk-it").setNumber(number).setQueue(queue).build();
  }

  @Test
  void theB2buaIsGivenTheTrunkRoutesTheOnlyInboundRoutes() {
    assertThat(bridge.getBeansOfType(InboundRoutes.class)).hasSize(1);
    // What B2buaConfiguration asks for.
    assertThat(bridge.getBeanProvider(InboundRoutes.class).getIfAvailable(() -> InboundRoutes.NONE))
        .isInstanceOf(TrunkRoutes.class).isSameAs(routes);
  }

  @Test
  void aTrunkAndNumberWrittenBeforeStartUpRouteTheFirstInvite() {
    assertThat(routes.route(Invites.invite("sip:+49 30 123456@bridge.example".replace(" ", ""), ""), CARRIER))
        .isEqualTo(new Accepted(TENANT, "support", "carrier", Map.of("dialedNumber", "4930123456", "trunk", "carrier")));
    assertThat(bridge.getBean(OutboundTrunks.class).forTenant(TENANT)).get()
        .extracting(OutboundTrunk::host, OutboundTrunk::port, OutboundTrunk::password)
        .containsExactly("sip.carrier.example", 5080, "out-pass");
  }

  @Test
  void anUntrustedSourceAndAnUnknownNumberAreRefused() {
    assertThat(routes.route(Invites.invite("sip:4930123456@bridge.example", ""), new InetSocketAddress("203.0.113.1", 5060)))
        .isEqualTo(new Refused(403, "No trunk trusts 203.0.113.1"));
    assertThat(routes.route(Invites.invite("sip:4930999999@bridge.example", ""), CARRIER))
        .isEqualTo(new Refused(404, "No queue for number 4930999999"));
  }

  @Test
  void aDigestTrustedTrunkIsChallengedThenAccepted() {
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.SIP_TRUNKS, TENANT + "/pbx", trunk("pbx", SipTrunkDirection.INBOUND)
          .setDigestRealm(REALM).setDigestUsername("pbx")
          .setHa1Sha256(DigestAlgorithm.SHA_256.ha1("pbx", REALM, "in-pass"))
          .setHa1Md5(DigestAlgorithm.MD5.ha1("pbx", REALM, "in-pass")).build());
      producer.send(Topics.SIP_NUMBERS, TENANT + "/200", number("200", "sales"));
    }
    String uri = "sip:200@" + REALM;

    Refused challenge = Poll.until(ARRIVAL, "a 407 for the pbx trunk",
        () -> routes.route(Invites.invite(uri, ""), PBX) instanceof Refused refused && refused.status() == 407
            ? refused : null);
    String answer = Invites.answer((ProxyAuthenticateHeader) challenge.headers().get(0), uri, "pbx", "in-pass",
        "00000001");
    String wrong = Invites.answer((ProxyAuthenticateHeader) challenge.headers().get(1), uri, "pbx", "nope",
        "00000001");

    assertThat(routes.route(Invites.invite(uri, wrong), PBX)).extracting(route -> ((Refused) route).status())
        .isEqualTo(407);
    assertThat(routes.route(Invites.invite(uri, answer), PBX))
        .isEqualTo(new Accepted(TENANT, "sales", "pbx", Map.of("dialedNumber", "200", "trunk", "pbx")));
  }

  @Test
  void aTombstoneRemovesATrunk() {
    InetSocketAddress source = new InetSocketAddress("192.0.2.200", 5060);
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.SIP_TRUNKS, TENANT + "/narrow", trunk("narrow", SipTrunkDirection.INBOUND)
          .setTrustedSources(List.of("192.0.2.200/32")).build());
    }
    Poll.until(ARRIVAL, "the narrow trunk",
        () -> routes.route(Invites.invite("sip:4930123456@bridge.example", ""), source) instanceof Accepted accepted
            && accepted.trunkId().equals("narrow") ? accepted : null);

    try (EventProducer producer = new EventProducer()) {
      producer.sendRaw(Topics.SIP_TRUNKS.name(), TENANT + "/narrow", null);
    }

    Optional<String> back = Poll.until(ARRIVAL, "the carrier trunk again",
        () -> routes.route(Invites.invite("sip:4930123456@bridge.example", ""), source) instanceof Accepted accepted
            && accepted.trunkId().equals("carrier") ? Optional.of(accepted.trunkId()) : null);
    assertThat(back).contains("carrier");
  }
}
