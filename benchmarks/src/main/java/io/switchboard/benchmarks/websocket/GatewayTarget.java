package io.switchboard.benchmarks.websocket;

import io.switchboard.testsupport.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real signaling gateway in a JVM of its own, run from its executable jar as it is deployed,
 * against the benchmark's broker and token issuer. Offers reach it as they would from routing: on
 * {@code routing.decisions}.
 */
final class GatewayTarget implements PushTarget {

  private static final Pattern ASSIGNED = Pattern.compile("\"assignedPartitions\":(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final ServerProcess process;
  private final int port;
  private final OfferProducer offers;
  private final String command;

  private GatewayTarget(ServerProcess process, int port, OfferProducer offers, String command) {
    this.process = process;
    this.port = port;
    this.offers = offers;
    this.command = command;
  }

  /** Starts the gateway and waits until its event consumer has its partitions (it reads from the end). */
  static GatewayTarget start(Path jar, List<String> jvmOptions, List<String> gatewayOptions, String bootstrap,
      TestIssuer issuer, List<OfferProducer.Agent> agents, Duration offerExpiry, Path logs)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no gateway jar at " + jar + ": build with ./mvnw -pl benchmarks -am package");
    }
    int port = ServerProcess.freePort();
    List<String> arguments = new ArrayList<>(List.of("-jar", jar.toString(),
        "--server.port=" + port,
        "--switchboard.kafka.bootstrap-servers=" + bootstrap,
        "--switchboard.gateway.security.issuer-uri=" + issuer.issuerUri(),
        "--switchboard.instance-id=websocket-benchmark-" + UUID.randomUUID()));
    arguments.addAll(gatewayOptions);
    ServerProcess process = ServerProcess.start(jvmOptions, arguments, logs.resolve("gateway.log"), false);
    awaitConsumer(process, port, issuer.token("ops", "ops-admin", "admin"));
    return new GatewayTarget(process, port, new OfferProducer(bootstrap, agents, offerExpiry),
        "java " + String.join(" ", jvmOptions) + " " + String.join(" ", arguments.subList(0, 2))
            + (gatewayOptions.isEmpty() ? "" : " " + String.join(" ", gatewayOptions)));
  }

  private static void awaitConsumer(ServerProcess process, int port, String adminToken)
      throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
        .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the gateway stopped; see " + process.log());
      }
      try {
        Matcher assigned = ASSIGNED.matcher(http.send(health, HttpResponse.BodyHandlers.ofString()).body());
        if (assigned.find() && Integer.parseInt(assigned.group(1)) > 0) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200); // polling a process that is starting; the period only bounds the wait
    }
    throw new IllegalStateException("the gateway's consumer had no partitions after " + START_TIMEOUT
        + "; see " + process.log());
  }

  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port + "/ws");
  }

  @Override
  public FixedRate.Sent push(char phase, int perSecond, int seconds) {
    FixedRate.Sent sent = FixedRate.run(perSecond, seconds, seq -> offers.offer(phase, seq));
    offers.check();
    return sent;
  }

  @Override
  public ServerMemory memory() throws IOException, InterruptedException {
    return ServerMemory.of(process.pid());
  }

  @Override
  public String describe() {
    return "gateway: " + command + "; log " + process.log();
  }

  @Override
  public void close() {
    offers.close();
    process.close();
  }
}
