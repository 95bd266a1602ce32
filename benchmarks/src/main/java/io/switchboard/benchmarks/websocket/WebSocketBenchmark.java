package io.switchboard.benchmarks.websocket;

import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.resources.LoopResources;

/**
 * Many agents' WebSocket sessions on the real gateway, then on a plain Reactor Netty server doing no
 * work, fed by a Kafka consumer of the same offers and then pushing from its own timer, in the same
 * run: each server's memory per session (heap after full collections, and
 * resident set, before and after the sessions open) and the latency of pushes at a fixed rate to
 * random sessions. The gateway runs from its jar in a JVM of its own, against the embedded broker
 * and a real token issuer in this JVM; every session is a distinct agent with its own signed token.
 * Prints Markdown tables. Run with {@code bench/gateway-websocket.sh [--name=value ...]}.
 */
public final class WebSocketBenchmark {

  private static final Logger log = LoggerFactory.getLogger(WebSocketBenchmark.class);
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(3);
  private static final Duration DRAIN = Duration.ofSeconds(20);

  private WebSocketBenchmark() {}

  public static void main(String[] args) throws Exception {
    WebSocketOptions options;
    try {
      options = WebSocketOptions.parse(args);
    } catch (IllegalArgumentException e) {
      log.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    int status = 0;
    try {
      run(options);
    } catch (Exception | Error e) {
      log.error("Benchmark failed", e);
      status = 1;
    }
    System.exit(status); // the broker's threads would keep the JVM up; its shutdown hook stops it
  }

  private static void run(WebSocketOptions options) throws Exception {
    Path logs = Files.createTempDirectory("websocket-bench-");
    String loadAtStart = Machine.loadAverage();
    String bootstrap = SharedKafka.bootstrapServers();
    TestIssuer issuer = TestIssuer.shared();
    List<OfferProducer.Agent> agents = agents("agent-", options.clients(), options.tenants());
    List<OfferProducer.Agent> warmAgents = agents("warm-", options.warmupClients(), options.tenants());
    long minting = System.nanoTime();
    List<String> tokens = tokens(issuer, agents);
    List<String> warmTokens = tokens(issuer, warmAgents);
    log.info("Minted {} agents' tokens in {} ms; server logs in {}", tokens.size() + warmTokens.size(),
        (System.nanoTime() - minting) / 1_000_000, logs);

    LoopResources loops = LoopResources.create("bench-client", Runtime.getRuntime().availableProcessors(), true);
    List<Results.Row> rows = new ArrayList<>();
    List<String> described = new ArrayList<>();
    try {
      for (String server : options.servers()) {
        Measurement measurement = new Measurement(options, loops, tokens, warmTokens);
        if (server.equals("gateway")) {
          try (KafkaProbe probe = new KafkaProbe(bootstrap);
              GatewayTarget gateway = GatewayTarget.start(options.gatewayJar(), options.serverJvm(),
                  options.gatewayOptions(), bootstrap, issuer, agents,
                  Duration.ofSeconds(options.offerExpirySeconds()), logs)) {
            described.add(gateway.describe());
            PushLatencies kafka = new PushLatencies(Measurement.MEASURED);
            rows.add(measurement.run(gateway, () -> probe.expect(kafka)));
            rows.add(Results.Row.kafkaOnly(kafka.summary(), rows.get(rows.size() - 1)));
          }
        } else {
          OfferProducer offers = server.equals("plain-kafka")
              ? new OfferProducer(bootstrap, agents, Duration.ofSeconds(options.offerExpirySeconds())) : null;
          try (PlainTarget plain = PlainTarget.start(options.serverJvm(),
              options.clients() + options.warmupClients() + 16, logs, offers)) {
            described.add(plain.describe());
            rows.add(measurement.run(plain, () -> { }));
          }
        }
      }
    } finally {
      loops.disposeLater().block(Duration.ofSeconds(10));
    }
    Results.print(System.out, options, rows, described, loadAtStart, Machine.loadAverage());
  }

  private static List<OfferProducer.Agent> agents(String prefix, int count, int tenants) {
    return IntStream.range(0, count)
        .mapToObj(i -> new OfferProducer.Agent("bench-" + (i % tenants), prefix + i)).toList();
  }

  /** A real signed token per agent (RS256, the issuer's published key), valid for the whole run. */
  private static List<String> tokens(TestIssuer issuer, List<OfferProducer.Agent> agents) {
    Date expiry = Date.from(Instant.now().plus(TOKEN_LIFETIME));
    return agents.parallelStream()
        .map(agent -> issuer.mint(issuer.claims(agent.tenant(), "user-" + agent.agentId(), agent.agentId(), "agent")
            .expirationTime(expiry)))
        .toList();
  }

  /** One server's run: warm-up sessions, memory, the sessions, memory, warm-up pushes, measured pushes. */
  private record Measurement(WebSocketOptions options, LoopResources loops, List<String> tokens,
      List<String> warmTokens) {

    static final char WARMUP = 'w';
    static final char MEASURED = 'm';

    Results.Row run(PushTarget target, Runnable beforeMeasuredPushes) throws IOException, InterruptedException {
      if (!warmTokens.isEmpty()) {
        try (ClientFleet warm = new ClientFleet(loops)) {
          ClientFleet.Opened opened = warm.connect(target.uri(), warmTokens, options.concurrency());
          log.info("{}: {} warm-up sessions opened ({} failed) in {} ms, closing them", target.name(),
              opened.open(), opened.failed(), opened.nanos() / 1_000_000);
        }
      }
      settle();
      ServerMemory before = target.memory();
      log.info("{}: before the sessions: {}", target.name(), before);
      try (ClientFleet fleet = new ClientFleet(loops)) {
        ClientFleet.Opened opened = fleet.connect(target.uri(), tokens, options.concurrency());
        log.info("{}: {} sessions opened in {} ms ({} failed{})", target.name(), opened.open(),
            opened.nanos() / 1_000_000, opened.failed(), opened.failed() > 0 ? ", first: " + opened.firstFailure() : "");
        if (opened.open() == 0) {
          throw new IllegalStateException(target.name() + ": no session opened: " + opened.firstFailure());
        }
        settle();
        ServerMemory connected = target.memory();
        log.info("{}: with {} sessions: {}", target.name(), opened.open(), connected);
        if (options.warmupSeconds() > 0) {
          PushLatencies warm = new PushLatencies(WARMUP);
          fleet.expect(WARMUP, warm);
          FixedRate.Sent sent = target.push(WARMUP, options.rate(), options.warmupSeconds());
          drain(warm, sent.count());
          log.info("{}: warm-up pushes: {}", target.name(), warm.summary());
        }
        PushLatencies measured = new PushLatencies(MEASURED);
        fleet.expect(MEASURED, measured);
        beforeMeasuredPushes.run();
        String load = Machine.loadAverage();
        log.info("{}: measuring {} pushes/s for {} s (load average {})", target.name(), options.rate(),
            options.seconds(), load);
        FixedRate.Sent sent = target.push(MEASURED, options.rate(), options.seconds());
        drain(measured, sent.count());
        PushLatencies.Summary summary = measured.summary();
        log.info("{}: measured pushes: {}", target.name(), summary);
        ServerMemory afterPushes = target.memory();
        return new Results.Row(target.name(), opened, before, connected, afterPushes, sent, summary,
            fleet.closedByServer(), fleet.unstamped(), load);
      }
    }

    private void settle() throws InterruptedException {
      Thread.sleep(options.settleSeconds() * 1000L); // sessions closing or registering on the server
    }

    private static void drain(PushLatencies latencies, long expected) throws InterruptedException {
      long deadline = System.nanoTime() + DRAIN.toNanos();
      while (latencies.distinct() < expected && System.nanoTime() < deadline) {
        Thread.sleep(50); // the last frames in flight; the pushes themselves are timed on arrival
      }
    }
  }
}
