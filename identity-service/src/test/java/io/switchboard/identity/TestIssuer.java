package io.switchboard.identity;

import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** The identity service on a loopback port against a test database, as the integration tests run it. */
public record TestIssuer(ConfigurableApplicationContext context, String url) implements AutoCloseable {

  public static final String SERVICE_SECRET = "gateway-secret-0123456789";
  private static final String KAFKA = "switchboard.kafka.bootstrap-servers";

  /** Starts the service; {@code extra} settings come last and win. */
  public static TestIssuer start(TestDatabase database, Path passwordFile, String... extra) {
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    List<String> settings = new ArrayList<>(List.of(
        "--server.port=" + port,
        "--server.address=127.0.0.1",
        "--spring.datasource.url=" + database.jdbcUrl(),
        "--spring.datasource.username=" + database.user(),
        "--spring.datasource.password=" + database.password(),
        "--switchboard.identity.token.issuer=" + url,
        "--switchboard.identity.initial-admin-password-file=" + passwordFile,
        "--switchboard.identity.clients.web.redirect-uris[0]=http://127.0.0.1:9/callback",
        "--switchboard.identity.clients.services[0].client-id=signaling-gateway",
        "--switchboard.identity.clients.services[0].secret=" + SERVICE_SECRET,
        "--switchboard.instance-id=identity-test"));
    // A repeated argument would be joined to a list, not replaced: the shared broker only when none is given.
    if (Arrays.stream(extra).noneMatch(setting -> setting.startsWith("--" + KAFKA + "="))) {
      settings.add("--" + KAFKA + "=" + SharedKafka.bootstrapServers());
    }
    settings.addAll(List.of(extra));
    ConfigurableApplicationContext context = IdentityApplication.application().run(settings.toArray(String[]::new));
    return new TestIssuer(context, url);
  }

  @Override
  public void close() {
    context.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
