package io.switchboard.media.sip.call;

import io.switchboard.routing.RoutingApplication;
import io.switchboard.testsupport.OwnNettyResources;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/** The real routing engine on the shared broker, started once per test JVM for the B2BUA's tests. */
final class TestRouting {

  private static ConfigurableApplicationContext routing;

  private TestRouting() {}

  static synchronized void start() {
    if (routing != null) {
      return;
    }
    Path stateDir;
    try {
      stateDir = Files.createTempDirectory("b2bua-routing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    routing = RoutingApplication.application().initializers(new OwnNettyResources()).run(
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.routing.application-id=b2bua-it-" + UUID.randomUUID(),
        "--switchboard.routing.state-dir=" + stateDir,
        "--switchboard.security.issuer-uri=" + TestIssuer.shared().issuerUri(),
        "--server.port=0");
    Runtime.getRuntime().addShutdownHook(new Thread(routing::close, "test-routing-stop"));
  }
}
