package io.switchboard.media.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import io.switchboard.media.sip.call.InboundRoutes.Accepted;
import io.switchboard.media.sip.call.InboundRoutes.Refused;
import io.switchboard.media.sip.call.InboundRoutes.Route;
import io.switchboard.media.sip.registrar.DigestAlgorithm;
import io.switchboard.media.sip.registrar.Nonces;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sip.header.ProxyAuthenticateHeader;
import org.junit.jupiter.api.Test;

/** Routing decisions from an in-memory table: source trust, digest trust, numbers, header routing. */
class TrunkRoutesTest {

  static final InetSocketAddress CARRIER = new InetSocketAddress("192.0.2.10", 5060);
  static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.9", 5060);
  static final String PBX_URI = "sip:4930123456@acme.example";

  private final TrunkTable table = new TrunkTable();
  private final TrunkRoutes routes = new TrunkRoutes(table,
      new Nonces(Nonces.randomKey(), Duration.ofMinutes(5), Clock.systemUTC(), 100),
      List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), new HeaderFactoryImpl());

  static Trunk sourceTrunk(String tenant, String id, boolean enabled, boolean headerRouting, String... cidrs) {
    return new Trunk(tenant, id, enabled, true, List.of(cidrs).stream().map(Cidr::parse).toList(), null, null,
        Map.of(), headerRouting, null);
  }

  static Trunk digestTrunk(String tenant, String id, String realm, String username, String password) {
    return new Trunk(tenant, id, true, true, List.of(), realm, username,
        Map.of(DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_256.ha1(username, realm, password),
            DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1(username, realm, password)), false, null);
  }

  @Test
  void aTrustedSourceReachesTheNumbersQueue() {
    table.applyTrunk("acme", "carrier", sourceTrunk("acme", "carrier", true, false, "192.0.2.0/24"));
    table.applyNumber("acme", "4930123456", new NumberRoute("acme", "4930123456", "support", null, Map.of("line", "b")));

    Route route = routes.route(Invites.invite("sip:+49-30-123456@bridge.example", ""), CARRIER);

    assertThat(route).isEqualTo(new Accepted("acme", "support", "carrier",
        Map.of("dialedNumber", "4930123456", "trunk", "carrier", "line", "b")));
  }

  @Test
  void anUntrustedSourceIsRefusedWith403() {
    table.applyTrunk("acme", "carrier", sourceTrunk("acme", "carrier", true, false, "192.0.2.0/24"));

    Route route = routes.route(Invites.invite(PBX_URI, ""), STRANGER);

    assertThat(route).isEqualTo(new Refused(403, "No trunk trusts 198.51.100.9"));
  }

  @Test
  void aDisabledTrunkIsRefusedWith403() {
    table.applyTrunk("acme", "carrier", sourceTrunk("acme", "carrier", false, false, "192.0.2.10"));

    assertThat(routes.route(Invites.invite(PBX_URI, ""), CARRIER))
        .isEqualTo(new Refused(403, "Trunk carrier is disabled"));
  }

  @Test
  void anUnknownNumberOrOneRestrictedToAnotherTrunkIs404() {
    table.applyTrunk("acme", "carrier", sourceTrunk("acme", "carrier", true, false, "192.0.2.0/24"));
    table.applyNumber("acme", "111", new NumberRoute("acme", "111", "sales", "other", Map.of()));

    assertThat(routes.route(Invites.invite("sip:999@bridge.example", ""), CARRIER))
        .isEqualTo(new Refused(404, "No queue for number 999"));
    assertThat(routes.route(Invites.invite("sip:111@bridge.example", ""), CARRIER))
        .isEqualTo(new Refused(404, "No queue for number 111"));
  }

  @Test
  void anotherTenantsNumberIsNotFound() {
    table.applyTrunk("acme", "carrier", sourceTrunk("acme", "carrier", true, false, "192.0.2.0/24"));
    table.applyNumber("globex", "4930123456", new NumberRoute("globex", "4930123456", "support", null, Map.of()));

    assertThat(routes.route(Invites.invite(PBX_URI, ""), CARRIER)).isInstanceOf(Refused.class)
        .extracting(refused -> ((Refused) refused).status()).isEqualTo(404);
  }

  @Test
  void theLongestPrefixWins() {
    table.applyTrunk("acme", "wide", sourceTrunk("acme", "wide", true, false, "192.0.0.0/8"));
    table.applyTrunk("acme", "narrow", sourceTrunk("acme", "narrow", true, false, "192.0.2.0/28"));
    table.applyNumber("acme", "4930123456", new NumberRoute("acme", "4930123456", "support", null, Map.of()));

    assertThat(((Accepted) routes.route(Invites.invite(PBX_URI, ""), CARRIER)).trunkId()).isEqualTo("narrow");
  }

  @Test
  void theQueueHeaderCountsOnlyOnATrunkWithHeaderRouting() {
    table.applyTrunk("acme", "pbx", sourceTrunk("acme", "pbx", true, true, "192.0.2.10"));
    Route routed = routes.route(Invites.invite("sip:ivr@bridge.example", "X-Switchboard-Queue: vip\r\n"), CARRIER);
    assertThat(routed).isEqualTo(new Accepted("acme", "vip", "pbx", Map.of("trunk", "pbx")));

    table.applyTrunk("acme", "pbx", sourceTrunk("acme", "pbx", true, false, "192.0.2.10"));
    Route ignored = routes.route(Invites.invite("sip:ivr@bridge.example", "X-Switchboard-Queue: vip\r\n"), CARRIER);
    assertThat(ignored).isEqualTo(new Refused(404, "No queue for number ivr"));
  }

  @Test
  void aDigestTrunkIsChallengedThenAcceptedOnce() {
    table.applyTrunk("acme", "pbx", digestTrunk("acme", "pbx", "acme.example", "pbx", "s3cret"));
    table.applyNumber("acme", "4930123456", new NumberRoute("acme", "4930123456", "support", null, Map.of()));

    Refused challenge = (Refused) routes.route(Invites.invite(PBX_URI, ""), STRANGER);
    assertThat(challenge.status()).isEqualTo(407);
    assertThat(challenge.headers()).extracting(header -> ((ProxyAuthenticateHeader) header).getAlgorithm())
        .containsExactly("SHA-256", "MD5");
    String answer = Invites.answer((ProxyAuthenticateHeader) challenge.headers().get(0), PBX_URI, "pbx", "s3cret",
        "00000001");

    Route accepted = routes.route(Invites.invite(PBX_URI, answer), STRANGER);
    Route replayed = routes.route(Invites.invite(PBX_URI, answer), STRANGER);

    assertThat(accepted).isEqualTo(new Accepted("acme", "support", "pbx",
        Map.of("dialedNumber", "4930123456", "trunk", "pbx")));
    assertThat(replayed).extracting(route -> ((Refused) route).status()).isEqualTo(407);
  }

  @Test
  void aWrongDigestPasswordIsChallengedAgain() {
    table.applyTrunk("acme", "pbx", digestTrunk("acme", "pbx", "acme.example", "pbx", "s3cret"));
    Refused challenge = (Refused) routes.route(Invites.invite(PBX_URI, ""), STRANGER);
    String answer = Invites.answer((ProxyAuthenticateHeader) challenge.headers().get(1), PBX_URI, "pbx", "wrong",
        "00000001");

    assertThat(routes.route(Invites.invite(PBX_URI, answer), STRANGER))
        .extracting(route -> ((Refused) route).status()).isEqualTo(407);
  }

  @Test
  void noDigestTrunkForTheDomainIs403NotAChallenge() {
    table.applyTrunk("acme", "pbx", digestTrunk("acme", "pbx", "acme.example", "pbx", "s3cret"));

    assertThat(routes.route(Invites.invite("sip:4930123456@other.example", ""), STRANGER))
        .isEqualTo(new Refused(403, "No trunk trusts 198.51.100.9"));
  }
}
