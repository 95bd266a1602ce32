package io.switchboard.media;

import io.switchboard.media.sip.call.InboundRoutes;
import io.switchboard.testsupport.OwnNettyResources;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sip.address.SipURI;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The bridge as the integration tests run it: a free HTTP port, a given SIP port, the test issuer and
 * the shared Kafka broker.
 */
public final class TestBridge {

  private TestBridge() {}

  /**
   * Starts a bridge; {@code extra} are more command-line settings. Command-line arguments win over
   * media-bridge.yml, unlike builder default properties. Its own Netty event loops, as the
   * standalone process gives each service: closing one bridge must not stop the HTTP server of
   * another still running in this JVM.
   */
  public static ConfigurableApplicationContext start(int sipPort, String... extra) {
    return start(sipPort, context -> { }, extra);
  }

  /**
   * The same, with {@code beans} registering more beans before the refresh. An {@code InboundRoutes}
   * registered there must be primary: the bridge has its own, the trunk routes.
   */
  public static ConfigurableApplicationContext start(int sipPort,
      ApplicationContextInitializer<ConfigurableApplicationContext> beans, String... extra) {
    List<String> settings = new ArrayList<>(List.of(
        "--server.port=0",
        "--switchboard.media.sip.port=" + sipPort,
        "--switchboard.security.issuer-uri=" + TestIssuer.shared().issuerUri(),
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers()));
    settings.addAll(List.of(extra));
    return MediaBridgeApplication.application().initializers(new OwnNettyResources(), beans).run(settings.toArray(String[]::new));
  }

  /** The same, with {@code routes} in place of the trunk routes for INVITEs from outside. */
  public static ConfigurableApplicationContext startWith(int sipPort, InboundRoutes routes, String... extra) {
    return start(sipPort, context -> ((GenericApplicationContext) context).registerBean(InboundRoutes.class,
        () -> routes, definition -> definition.setPrimary(true)), extra);
  }

  /** Every INVITE into the queue of {@code tenant} its Request-URI's user names, over trunk {@code it-trunk}. */
  public static InboundRoutes dialledQueue(String tenant) {
    return (invite, source) -> new InboundRoutes.Accepted(tenant, ((SipURI) invite.getRequestURI()).getUser(),
        "it-trunk", Map.of());
  }
}
